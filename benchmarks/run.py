"""Benchmarks: build throughput and memory, export time, named-query latency on a graph file
(read into an in-memory Oxigraph store, as every command reads one) and on an on-disk Oxigraph
store, single-document build against bare import time, ``--help`` time.

    python benchmarks/run.py [--sizes 1 100 1000] [--markdown benchmarks/README.md]

Each measurement runs in a fresh process and prints its figures; with ``--markdown`` the
table is also written into the README between the BENCHMARKS markers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
ROOT = Path(__file__).resolve().parent.parent
DEPENDENCIES = ("rdflib, networkx, pyvis.network, pyshacl, yaml, click, pycountry, rapidfuzz, "
                "pyoxigraph")


def run_json(code: str) -> dict:
    """Run Python ``code`` in a fresh process; it prints one JSON object last."""
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def wall(command: list[str], repeat: int = 5) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


BUILD = r'''
import json, resource, sys, time
from pathlib import Path
from idm_graph.api import build
start = time.perf_counter()
result = build([Path(sys.argv[1])], out=Path(sys.argv[2]), views=False, check={check},
               store={store!r})
elapsed = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
exports = {{}}
if hasattr(result.dataset, "dump"):
    for fmt in ("nquads", "trig", "turtle", "jsonld"):
        t = time.perf_counter()
        result.dataset.dump(fmt)
        exports[fmt] = time.perf_counter() - t
else:
    from idm_graph.graph.export import serialize
    for fmt in ("nquads", "trig", "turtle", "jsonld"):
        t = time.perf_counter()
        serialize(result.dataset, fmt)
        exports[fmt] = time.perf_counter() - t
print(json.dumps({{"seconds": elapsed, "quads": result.quads, "documents": len(result.documents),
                  "peak_main_mib": own, "peak_worker_mib": workers, "exports": exports}}))
'''

QUERIES = r'''
import json, statistics, sys, time
from pathlib import Path
from idm_graph.querying.sparql import named_queries, query
from idm_graph.querying.store import OxigraphStore, open_file
kind, path = sys.argv[1], sys.argv[2]
t = time.perf_counter()
data = OxigraphStore(Path(path), read_only=True) if kind == "oxigraph" else open_file(path)
opened = time.perf_counter() - t
out = {{}}
for name, named in named_queries().items():
    params = {{"node": "Leon Isaacs"}} if "node" in named.params else {{}}
    query(data, name, params)
    times = []
    for _ in range({repeat}):
        t = time.perf_counter()
        rows = query(data, name, params)
        times.append(time.perf_counter() - t)
    out[name] = [statistics.median(times), len(rows)]
print(json.dumps({{"open_seconds": opened, "queries": out}}))
'''


def build_figures(size: int, corpus: Path, work: Path, *, check: bool) -> dict:
    store = f"oxigraph:{work / f'store-{size}-{int(check)}'}" if size > 1 else None
    code = BUILD.format(check=check, store=store).replace("sys.argv[1]", repr(str(corpus)))
    code = code.replace("sys.argv[2]", repr(str(work / f"out-{size}-{int(check)}")))
    figures = run_json(code)
    figures["store"] = store
    return figures


def query_figures(kind: str, path: str, repeat: int) -> dict:
    code = QUERIES.format(repeat=repeat).replace("sys.argv[1]", repr(kind))
    return run_json(code.replace("sys.argv[2]", repr(path)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--file-queries-up-to", type=int, default=1,
                        help="largest corpus to query from its graph file (read into an "
                             "in-memory store first)")
    parser.add_argument("--markdown", type=Path, default=None)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from idm_graph.interfaces.synthetic import write_corpus

    lines: list[str] = []

    def emit(line: str = "") -> None:
        print(line, flush=True)
        lines.append(line)

    emit(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
         f"{platform.platform()}")
    emit(f"command: python benchmarks/run.py --sizes {' '.join(map(str, args.sizes))}")
    emit()
    imports = wall([PY, "-c", f"import {DEPENDENCIES}"])
    single = wall([PY, "-m", "idm_graph.cli", "build", "--out",
                   tempfile.mkdtemp(prefix="bench-"), "--no-views"], repeat=3)
    single_views = wall([PY, "-m", "idm_graph.cli", "build", "--out",
                         tempfile.mkdtemp(prefix="bench-")], repeat=3)
    helptime = wall([PY, "-m", "idm_graph.cli", "--help"])
    entry = Path(PY).parent / "idm-graph"
    helptime_script = wall([str(entry), "--help"]) if entry.exists() else helptime
    emit("| measure | value | target |")
    emit("|---|---|---|")
    emit(f"| bare import of the dependencies ({DEPENDENCIES}) | {imports:.2f} s | |")
    emit(f"| `idm-graph build` of the bundled document, no views | {single:.2f} s "
         f"({single / imports:.1f}× the import) | ≤ 1.5× the import ({1.5 * imports:.2f} s) |")
    emit(f"| `idm-graph build` of the bundled document, with the 4 views | {single_views:.2f} s "
         "| |")
    emit(f"| `idm-graph --help` | {helptime_script:.3f} s | ≤ 0.3 s |")
    emit()
    results = {}
    with tempfile.TemporaryDirectory(prefix="idm-bench-") as tmp:
        work = Path(tmp)
        for size in args.sizes:
            corpus = work / f"corpus-{size}"
            write_corpus(size, corpus)
            for check in (True, False):
                results[(size, check)] = build_figures(size, corpus, work, check=check)
        emit("| documents | SHACL | build | documents/s | quads | quads/s | "
             "peak RSS of the build, main / worker | export from the store: nq / trig / ttl / "
             "jsonld |")
        emit("|---|---|---|---|---|---|---|---|")
        for (size, check), f in results.items():
            e = f["exports"]
            emit(f"| {size} | {'on' if check else 'off'} | {f['seconds']:.2f} s | "
                 f"{size / f['seconds']:.1f} | {f['quads']:,} | {f['quads'] / f['seconds']:,.0f} | "
                 f"{f['peak_main_mib']:.0f} / {f['peak_worker_mib']:.0f} MiB | "
                 f"{e['nquads']:.2f} / {e['trig']:.2f} / {e['turtle']:.2f} / {e['jsonld']:.2f} s |")
        emit()
        big = [s for s in args.sizes if s >= 100]
        if len(big) >= 2:
            a, b = big[-2], big[-1]
            for check in (True, False):
                ratio = results[(b, check)]["seconds"] / results[(a, check)]["seconds"]
                emit(f"- growth {a} → {b} documents (SHACL {'on' if check else 'off'}): "
                     f"{ratio:.2f}× the time for {b / a:.0f}× the documents "
                     f"(target ≤ {1.1 * b / a:.0f}×)")
            emit()
        emit("Named-query median latency (ms; 5 runs after one warm-up):")
        emit()
        header = ["query"]
        columns = []
        for size in args.sizes:
            if size <= args.file_queries_up_to:
                out_dir = work / f"out-{size}-1"
                data = out_dir / ("idm.trig" if (out_dir / "idm.trig").exists() else "idm.nq")
                columns.append((f"file N={size}", "file", str(data)))
            store = results[(size, True)]["store"]
            if store:
                columns.append((f"Oxigraph N={size}", "oxigraph", store.split(":", 1)[1]))
        table = {}
        for title, kind, path in columns:
            figures = query_figures(kind, path, 5)
            header.append(title)
            for name, (seconds, rows) in figures["queries"].items():
                table.setdefault(name, []).append(f"{seconds * 1000:.1f} ({rows})")
            emit(f"- {title}: opening the data took {figures['open_seconds']:.2f} s")
        emit()
        emit("| " + " | ".join(header) + " |")
        emit("|" + "---|" * len(header))
        for name, cells in table.items():
            emit(f"| {name} | " + " | ".join(cells) + " |")
        emit()
        emit("(rows in parentheses)")
    if args.markdown is not None:
        text = args.markdown.read_text(encoding="utf-8")
        start, end = "<!-- BENCHMARKS -->", "<!-- /BENCHMARKS -->"
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        args.markdown.write_text(head + start + "\n" + "\n".join(lines) + "\n" + end + tail,
                                 encoding="utf-8")


if __name__ == "__main__":
    main()
