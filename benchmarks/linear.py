"""Linear time on one large document: build time and peak memory against input size.

    python benchmarks/linear.py [--sizes 256 512 1024 2048] [--one-line 400] [--cast 256 2048]

Inputs are the bundled summary repeated (paragraph breaks kept) up to each size in KiB, the
same text with every line break removed (a single paragraph, the case that was quadratic),
and a report that names new persons in every paragraph (the cost of resolving a mention must
not grow with the persons met before it). Each build runs ``idm-graph build FILE
--no-views`` (SHACL on) in a fresh process under ``/usr/bin/time -v``; the table gives
wall time, CPU time, peak RSS and seconds per MiB
(flat when the build is linear).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "sources" / "idm-2021-s2.fr.md"
IDM = Path(sys.executable).parent / "idm-graph"


def make_input(size: int, *, one_line: bool, directory: Path) -> Path:
    """The bundled text repeated up to ``size`` bytes (one paragraph with ``one_line``)."""
    text = BUNDLED.read_text(encoding="utf-8")
    if one_line:
        text = " ".join(text.split())
    parts, total = [], 0
    while total < size:
        parts.append(text)
        total += len(text.encode("utf-8")) + 2
    data = ((" " if one_line else "\n\n").join(parts)).encode("utf-8")[:size]
    data = data.decode("utf-8", "ignore").encode("utf-8")
    path = directory / f"{'line' if one_line else 'doc'}-{size // 1024}k.md"
    path.write_bytes(data)
    return path


_FIRST = ("Amara Bruno Chiara Dmitri Elena Farid Greta Hamid Ines Jonas Kaori Lena Malik Nadia "
          "Omar Paula Quentin Rosa Samir Tara Ugo Vera Wale Xenia Yusuf Zora").split()
_LAST = ("Abeyta Brandt Castell Dorsey Ekwueme Falk Grieve Hollis Ibarra Jessup Kowal Lindqvist "
         "Marchetti Nakamura Okafor Pellegrini Quist Rahimi Sorensen Tavares Ulloa Vukovic "
         "Whitlock Xu Yeboah Zamora").split()
_BODIES = ("Harbour Data Institute", "Nordic Return Network", "Coastal Migration Council",
           "Tidewater Bank", "Centre for Remittance Research")


def make_cast(size: int, directory: Path) -> Path:
    """A report in which every paragraph introduces new persons (676 distinct names, then
    their second-generation compounds), each later named by surname and by role: the cost of
    resolving mentions must not grow with the number of persons already met.
    """
    parts, total, n = [], 0, 0
    while total < size:
        first, last = _FIRST[n % 26], _LAST[(n // 26) % 26]
        if n >= 676:
            last = f"{last}-{_LAST[(n // 676) % 26]}"
        body = _BODIES[n % len(_BODIES)]
        text = (f"Ms. {first} {last}, Director of the {body}, said that remittances and "
                f"diaspora investment must grow. Ms. {last} added that data on labour "
                f"migration were late. The Director of the {body} also called for regular "
                f"pathways.")
        parts.append(text)
        total += len(text.encode("utf-8")) + 2
        n += 1
    path = directory / f"cast-{size // 1024}k.md"
    path.write_bytes("\n\n".join(parts).encode("utf-8")[:size])
    return path


def measure(path: Path, out: Path) -> dict[str, float]:
    """Wall, CPU and peak RSS of one build, from GNU time's verbose report."""
    done = subprocess.run(["/usr/bin/time", "-v", str(IDM), "build", str(path), "--out",
                           str(out), "--no-views"], capture_output=True, text=True, check=False)
    report = done.stderr

    def field(name: str) -> str:
        match = re.search(rf"{re.escape(name)}: (.+)", report)
        return match.group(1).strip() if match else "0"

    clock = [float(x) for x in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
    seconds = sum(v * 60 ** i for i, v in enumerate(reversed(clock)))
    return {"ok": float(done.returncode == 0), "wall": seconds,
            "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
            "rss": int(field("Maximum resident set size (kbytes)")) / 1024}


def main() -> None:
    """Print one table row per input."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[256, 512, 1024, 2048])
    parser.add_argument("--one-line", nargs="*", type=int, default=[400, 1024])
    parser.add_argument("--cast", nargs="*", type=int, default=[256, 512, 1024, 2048],
                        help="sizes (KiB) of the many-persons input")
    args = parser.parse_args()
    print("| input | size | wall | CPU | peak RSS | s per MiB |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        cases = [(s, "paragraphs") for s in args.sizes] + \
            [(s, "one line") for s in args.one_line] + [(s, "many persons") for s in args.cast]
        for size, kind in cases:
            path = make_cast(size * 1024, directory) if kind == "many persons" else \
                make_input(size * 1024, one_line=kind == "one line", directory=directory)
            figures = measure(path, directory / "out")
            status = "" if figures["ok"] else " (failed)"
            print(f"| {kind}{status} | {size} KiB | "
                  f"{figures['wall']:.1f} s | {figures['cpu']:.1f} s | "
                  f"{figures['rss']:.0f} MiB | {figures['wall'] / (size / 1024):.1f} |",
                  flush=True)


if __name__ == "__main__":
    main()
