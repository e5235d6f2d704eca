"""TriG and JSON-LD: idm-graph's writers against pyoxigraph's (issue 25).

    python benchmarks/writers.py [--documents N]

Builds N synthetic summaries (``idm_graph.interfaces.synthetic``, seed 7) into one folder, takes the
build's sorted N-Quads (``idm.nq``), and writes TriG and JSON-LD from them twice with each
writer: idm-graph's (``export.render_formats``: prefixes, one block per named graph in IRI
order, statements sorted; expanded JSON-LD under the published ``@context``) and pyoxigraph's
``serialize`` (``RdfFormat.TRIG`` with the same prefixes, ``RdfFormat.JSON_LD``). Prints bytes,
best time of three, whether two runs give the same bytes, and whether the output reads back
to the same quads (parsed again by pyoxigraph).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph

from idm_graph.graph.export import _corpus_prefixes, render_formats

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _best(run: Callable[[], bytes]) -> tuple[float, bytes, bool]:
    times, outputs = [], []
    for _ in range(3):
        start = time.perf_counter()
        outputs.append(run())
        times.append(time.perf_counter() - start)
    return min(times), outputs[0], len(set(outputs)) == 1


def _quads(data: bytes, fmt: pyoxigraph.RdfFormat) -> set[str]:
    return {str(q) for q in pyoxigraph.parse(data, format=fmt)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        texts, out = Path(tmp) / "texts", Path(tmp) / "out"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"),
                        str(args.documents), str(texts), "--seed", "7"], check=True)
        subprocess.run([str(BIN / "idm-graph"), "build", str(texts), "--out", str(out),
                        "--no-views", "--store", f"oxigraph:{Path(tmp) / 'store'}"], check=True,
                       capture_output=True)
        nquads = (out / "idm.nq").read_bytes()
    expected = _quads(nquads, pyoxigraph.RdfFormat.N_QUADS)
    prefixes = {name: iri for name, iri in _corpus_prefixes().items() if name != "id"}

    def oxigraph(fmt: pyoxigraph.RdfFormat, **options: object) -> bytes:
        dataset = pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS)
        return pyoxigraph.serialize(dataset, format=fmt, **options) or b""  # type: ignore[arg-type]

    writers = {  # each from the same bytes of sorted N-Quads, parsing included
        ("trig", "idm-graph"): lambda: render_formats(nquads, ["trig"])["trig"],
        ("trig", "pyoxigraph"): lambda: oxigraph(pyoxigraph.RdfFormat.TRIG, prefixes=prefixes),
        ("jsonld", "idm-graph"): lambda: render_formats(nquads, ["jsonld"])["jsonld"],
        ("jsonld", "pyoxigraph"): lambda: oxigraph(pyoxigraph.RdfFormat.JSON_LD),
    }
    formats = {"trig": pyoxigraph.RdfFormat.TRIG, "jsonld": pyoxigraph.RdfFormat.JSON_LD}
    print(f"{args.documents} documents, {len(expected):,} quads, "
          f"{len(nquads) / 2**20:.1f} MiB of N-Quads")
    print("| format | writer | bytes | best of 3 | same bytes twice | reads back to the same "
          "quads |")
    print("|---|---|---|---|---|---|")
    for (fmt, writer), run in writers.items():
        seconds, data, same = _best(run)
        try:
            back = _quads(data, formats[fmt]) == expected
        except (SyntaxError, ValueError) as exc:
            back = False
            print(f"  {fmt} {writer}: does not read back: {exc}", file=sys.stderr)
        print(f"| {fmt} | {writer} | {len(data):,} | {seconds:.2f} s | "
              f"{'yes' if same else 'no'} | {'yes' if back else 'no'} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
