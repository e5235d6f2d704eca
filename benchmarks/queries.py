"""Named-query latency on a corpus build: in-process on Oxigraph, and through the CLI.

    python benchmarks/generate.py 200 /tmp/c200
    idm-graph build /tmp/c200 --out /tmp/c200-out --no-views
    python benchmarks/queries.py /tmp/c200-out
    idm-graph build /tmp/c200 --out /tmp/c200-out --store oxigraph:/tmp/c200-store --no-views
    python benchmarks/queries.py --cli oxigraph:/tmp/c200-store

In-process: loads the build's ``idm.nq`` (named graphs) and ``idm.ttl`` (their union, the
default graph) into an in-memory Oxigraph store and runs every named query once. ``--cli``:
runs ``idm-graph query NAME --data SPEC --format csv`` for every named query in a fresh
process (what a researcher waits for, start-up and opening the store included). ``evidence``
is asked for the first person by name. Prints rows and milliseconds.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from idm_graph.querying.sparql import named_queries, prepare, resolve
from idm_graph.querying.store import OxigraphStore

_FIRST_PERSON = ("SELECT ?n WHERE { ?p a <https://schema.org/Person> ; "
                 "<https://schema.org/name> ?n } ORDER BY ?n LIMIT 1")


def in_process(build: Path) -> None:
    """One line per named query, run in this process on an in-memory store."""
    store = OxigraphStore(None)
    store.load_files(build / "idm.nq", build / "idm.ttl")
    print(f"{len(store)} quads in the store")
    _, rows = store.select(_FIRST_PERSON)
    person = str(rows[0]["n"]) if rows else ""
    fast = 0
    for name in sorted(named_queries()):
        start = time.perf_counter()  # a node parameter is found first: that counts too
        _, text = prepare(name, resolve(store, name, {"node": person}
                                        if name == "evidence" else {}))
        _, found = store.select(text)
        seconds = time.perf_counter() - start
        fast += seconds <= 0.1
        print(f"{name:38} {len(found):6} rows {seconds * 1000:9.1f} ms", flush=True)
    print(f"{fast} of {len(named_queries())} within 100 ms")


def through_cli(spec: str) -> None:
    """One line per named query, each run by ``idm-graph query`` in a fresh process."""
    command = shutil.which("idm-graph") or str(Path(sys.executable).with_name("idm-graph"))
    first = subprocess.run([command, "query", _FIRST_PERSON, "--data", spec, "--format", "csv"],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    person = first[1] if len(first) > 1 else ""
    for name in sorted(named_queries()):
        params = ["--param", f"node={person}"] if name == "evidence" else []
        start = time.perf_counter()
        done = subprocess.run([command, "query", name, "--data", spec, "--format", "csv",
                               *params], capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        rows = max(done.stdout.count("\n") - 1, 0)
        status = "" if done.returncode == 0 else f"  exit {done.returncode}"
        print(f"{name:38} {rows:6} rows {seconds * 1000:9.1f} ms{status}", flush=True)


def main() -> None:
    """``queries.py BUILD`` or ``queries.py --cli SPEC``."""
    if sys.argv[1] == "--cli":
        through_cli(sys.argv[2])
    else:
        in_process(Path(sys.argv[1]))


if __name__ == "__main__":
    main()
