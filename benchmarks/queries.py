"""Named-query latency on a corpus build, in-process on Oxigraph.

    python benchmarks/generate.py 200 /tmp/c200
    idm-graph build /tmp/c200 --out /tmp/c200-out --no-views
    python benchmarks/queries.py /tmp/c200-out

Loads the build's ``idm.nq`` (named graphs) and ``idm.ttl`` (their union, the default graph)
into an in-memory Oxigraph store, as ``--store`` builds do, and runs every named query once
(``evidence`` for the first person by name), printing rows and milliseconds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from idm_graph.sparql import named_queries, prepare
from idm_graph.store import OxigraphStore


def main() -> None:
    """Print one line per named query."""
    build = Path(sys.argv[1])
    store = OxigraphStore(None)
    store.load_files(build / "idm.nq", build / "idm.ttl")
    print(f"{len(store)} quads in the store")
    _, rows = store.select("SELECT ?n WHERE { ?p a <https://schema.org/Person> ; "
                           "<https://schema.org/name> ?n } ORDER BY ?n LIMIT 1")
    person = str(rows[0]["n"]) if rows else ""
    fast = 0
    for name in sorted(named_queries()):
        _, text = prepare(name, {"node": person} if name == "evidence" else {})
        start = time.perf_counter()
        _, found = store.select(text)
        seconds = time.perf_counter() - start
        fast += seconds <= 0.1
        print(f"{name:38} {len(found):6} rows {seconds * 1000:9.1f} ms", flush=True)
    print(f"{fast} of {len(named_queries())} within 100 ms")


if __name__ == "__main__":
    main()
