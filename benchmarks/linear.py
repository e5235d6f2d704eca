"""Linear time on one large document: build time and peak memory against input size.

    python benchmarks/linear.py [--sizes 256 512 1024 2048] [--one-line 400]

Inputs are the bundled summary repeated (paragraph breaks kept) up to each size in KiB, and
the same text with every line break removed (a single paragraph, the case that was
quadratic). Each build runs ``idm-graph build FILE --no-views`` (SHACL on) in a fresh process
under ``/usr/bin/time -v``; the table gives wall time, CPU time, peak RSS and seconds per MiB
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
    args = parser.parse_args()
    print("| input | size | wall | CPU | peak RSS | s per MiB |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        cases = [(s, False) for s in args.sizes] + [(s, True) for s in args.one_line]
        for size, one_line in cases:
            path = make_input(size * 1024, one_line=one_line, directory=directory)
            figures = measure(path, directory / "out")
            status = "" if figures["ok"] else " (failed)"
            print(f"| {'one line' if one_line else 'paragraphs'}{status} | {size} KiB | "
                  f"{figures['wall']:.1f} s | {figures['cpu']:.1f} s | "
                  f"{figures['rss']:.0f} MiB | {figures['wall'] / (size / 1024):.1f} |",
                  flush=True)


if __name__ == "__main__":
    main()
