"""A larger run of the build's property test: many generated documents, new ones each run.

``tests/test_build_properties.py`` runs 25 fixed examples in ``make test``; this runs N
random ones (default 2,000) and prints the count, the time and pytest's verdict. A failing
example it finds goes into the test as an ``@example``.

    python benchmarks/properties.py [N]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_build_properties.py"], cwd=ROOT, check=False,
                          env={**os.environ, "IDM_GRAPH_PROPERTY_EXAMPLES": str(count)},
                          capture_output=True, text=True)
    took = time.monotonic() - started
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:])
    verdict = "all pass" if done.returncode == 0 else "FAILED"
    print(f"{count} generated documents built in {took:.0f} s "
          f"({took / count * 1000:.0f} ms each): {verdict}")
    if done.returncode:
        print(done.stdout[-4000:])
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
