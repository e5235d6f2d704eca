"""Share of the dev set's actors who have a theme in ``themes-by-speaker`` (issue 23).

For every text of ``../shared/devset``, builds it with ``idm-graph build``, runs
``themes-by-speaker`` and counts the gold persons with ``actor: true`` whose name matches a
speaker with at least one theme (names matched as ``score.py`` matches them: folded, a surname
matching a full name ending with it). Prints one line per text, the totals of the design and
measured parts (``benchmarks/devset.py``) and of all texts.

    python benchmarks/themes_coverage.py [--idm PATH] [--part design|measured|all]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devset import PARTS, ROOT, SCORE


def _score_module():
    spec = importlib.util.spec_from_file_location("score", SCORE)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["score"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _rows(idm: str, name: str, out: Path) -> list[dict[str, str]]:
    done = subprocess.run([idm, "query", name, "--data", str(out), "--format", "json"],
                          check=True, capture_output=True, text=True)
    return [{k: v["value"] for k, v in row.items()}
            for row in json.loads(done.stdout)["results"]["bindings"]]


def speakers_with_themes(idm: str, text: Path, out: Path) -> tuple[set[str], set[str]]:
    """The speakers with a theme, and the countries that take part as delegations."""
    subprocess.run([idm, "build", str(text), "--out", str(out), "--no-views"], check=True,
                   capture_output=True)
    speakers = {row["speaker"] for row in _rows(idm, "themes-by-speaker", out)
                if row.get("theme")}
    delegations = {row["iso3"] for row in _rows(idm, "countries", out)
                   if row.get("role") in ("delegation-statement", "participation")}
    return speakers, delegations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idm", default=str(ROOT / ".venv" / "bin" / "idm-graph"))
    parser.add_argument("--part", action="append", choices=sorted(PARTS))
    args = parser.parse_args()
    score = _score_module()
    totals: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for slug in PARTS["all"]:
            gold = score.load_gold(slug)
            actors = [p["name"] for p in gold["persons"] if p.get("actor")]
            stating = {c["iso3166_alpha3"] for c in gold["countries"]
                       if c.get("role") == "delegation_statement"}
            speakers, delegations = speakers_with_themes(args.idm, score.text_path(slug),
                                                         Path(tmp) / slug)
            covered = [a for a in actors if any(score.names_match(a, s) for s in speakers)]
            print(f"{slug:52s} actors with a theme {len(covered):3d}/{len(actors):<3d} "
                  f"delegations {len(stating & delegations):3d}/{len(stating):<3d}",
                  flush=True)
            for part, members in PARTS.items():
                if slug in members:
                    got = totals.setdefault(part, [0, 0, 0, 0])
                    got[0] += len(covered)
                    got[1] += len(actors)
                    got[2] += len(stating & delegations)
                    got[3] += len(stating)
    for part in args.part or ("design", "measured", "all"):
        covered, actors, found, stating = totals.get(part, [0, 0, 0, 0])
        print(f"{part:9s} actors with a theme: {covered}/{actors} = "
              f"{covered / actors if actors else 0:.0%}; countries with a delegation "
              f"statement that come out as delegations: {found}/{stating}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
