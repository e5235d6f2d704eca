"""A sample of (speaker, theme, quote) rows to judge by hand (issue 23).

Builds every text of ``../shared/devset`` in memory, collects each theme tag of a person's or
delegation's contribution with the sentence its term is in, draws a fixed-seed sample of 60
rows across the dev set and writes them to a CSV with an empty ``right?`` column. A person
judges each row: is the quote something this speaker said (or did, for a meeting or a
participation), and is it about this theme? ``benchmarks/themes_audit.csv`` is the judged
sample; ``--summary FILE`` prints the share of right rows of a judged CSV.

    python benchmarks/themes_audit.py [--out FILE] [--seed N] [--size N]
    python benchmarks/themes_audit.py --summary benchmarks/themes_audit.csv
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from devset import PARTS, ROOT

TEXTS = ROOT.parent / "shared" / "devset" / "texts"
COLUMNS = ["text", "speaker", "kind", "theme", "term", "quote", "right?", "why"]


def rows_of(path: Path) -> list[dict[str, str]]:
    """Every theme tag of a contribution in the document at ``path``."""
    from idm_graph.extract import extract
    from idm_graph.extract.themes import vocabulary
    from idm_graph.text.document import load_document

    document = load_document(path)
    facts = extract(document)
    sentences = list(document.sentences())
    labels = vocabulary().labels
    out = []
    for tag in facts.of_kind("ThemeTag"):
        contribution = facts.entities.get(tag.attrs["target"])
        if contribution is None or contribution.kind != "Contribution":
            continue
        agent = facts.entities[contribution.attrs["agent"]]
        name = agent.attrs.get("name") or agent.labels.get("en") or agent.key
        evidence = tag.evidence[0]
        quote = next((" ".join(s.text.split()) for s in sentences
                      if s.span()[0] <= evidence.start < s.span()[1]), "")
        out.append({"text": path.stem, "speaker": str(name),
                    "kind": str(contribution.attrs["kind"]),
                    "theme": labels[tag.attrs["theme"]].get("en", tag.attrs["theme"]),
                    "term": str(tag.attrs["term"]), "quote": quote, "right?": "", "why": ""})
    return out


def summary(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    judged = [r for r in rows if r["right?"].strip().lower() in ("yes", "no")]
    right = sum(1 for r in judged if r["right?"].strip().lower() == "yes")
    print(f"{right}/{len(judged)} rows right = {right / len(judged):.0%}" if judged
          else "no judged rows")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "themes_audit.csv")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--size", type=int, default=60)
    parser.add_argument("--summary", type=Path)
    args = parser.parse_args()
    if args.summary:
        return summary(args.summary)
    rows = []
    for slug in PARTS["all"]:
        path = next(TEXTS.glob(f"{slug}.*"))
        rows += rows_of(path)
    rows.sort(key=lambda r: (r["text"], r["speaker"], r["kind"], r["theme"]))
    sample = random.Random(args.seed).sample(rows, min(args.size, len(rows)))
    sample.sort(key=lambda r: (r["text"], r["speaker"], r["theme"]))
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sample)
    print(f"wrote {len(sample)} of {len(rows)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
