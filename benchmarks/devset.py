"""The development set in two parts: the part we design on, and the part we only measure on.

``python benchmarks/devset.py`` runs ``../shared/devset/score.py`` on each part and on all
texts and prints the three TOTAL lines. The split is fixed here so that every note reports
the same figures:

- **design** (12 texts): the texts earlier rules were written against. Misses and extra rows
  may be read (``score.py -v``) on these only.
- **measured** (9 texts): added to the dev set with issue 22 and never read with ``-v``; only
  their TOTAL line is looked at.

Options: ``--part design|measured|all`` (repeatable; default all three), ``--idm PATH``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORE = ROOT.parent / "shared" / "devset" / "score.py"

DESIGN = (
    "en-cms-imrf-2022-summary", "en-gfmd-g20-gfmd-gmg-joint-event-2015",
    "en-un-cmw-summary-record-bangladesh-2017", "en-unpress-marrakech-conference-closing-2018",
    "en-wh-readout-sherwood-randall-mexico-2024", "fr-actubi-atelier-cedeao-migrations-mixtes-2018",
    "fr-adept-imrf-2022", "fr-an-cae-audition-pacte-marrakech-2018",
    "fr-senegal-conseil-des-ministres-2024-09-18", "fr-sesric-fmmd-istanbul-2015",
    "fr-ungeneva-cmw-senegal-2010", "fr-unpress-marrakech-delegations-2018",
)
MEASURED = (
    "en-ays-imrf-2022", "en-bali-process-media-release-2009",
    "en-bali-process-press-conference-2003", "en-wh-lad-fourth-ministerial-2024",
    "en-wh-lad-implementation-launch-2022", "fr-wh-lad-mesures-2022",
    "fr-lemonde-deputes-grece-2016", "fr-lemonde-sommet-ue-migrations-2018",
    "fr-iea-crise-migratoire-2021",
)
PARTS = {"design": DESIGN, "measured": MEASURED, "all": DESIGN + MEASURED}


def total(part: str, idm: str) -> str:
    """The TOTAL line of ``score.py`` on one part."""
    command = [sys.executable, str(SCORE), "--idm", idm]
    for slug in PARTS[part]:
        command += ["--only", slug]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("TOTAL")]
    if not lines:
        return f"failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}"
    return lines[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", action="append", choices=sorted(PARTS))
    parser.add_argument("--idm", default=str(ROOT / ".venv" / "bin" / "idm-graph"))
    args = parser.parse_args()
    if not SCORE.is_file():
        print(f"no dev set at {SCORE}", file=sys.stderr)
        return 2
    for part in args.part or ("design", "measured", "all"):
        print(f"{part:9s} {total(part, args.idm)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
