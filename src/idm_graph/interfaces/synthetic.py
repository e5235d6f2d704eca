"""Synthetic IDM summaries (French and English) for benchmarks, tests and demonstrations.

The documents follow the structure of real summaries (title, theme, dates, venue, panel list,
opening, moderators, speakers with honorific and role, delegations, numbered conclusions with
points, priority actions, closing) with varied names, roles, organisations, countries, panels
and GCM objectives. They are deterministic for a given seed. Some persons, organisations and
countries recur across documents, as they do across real sessions.

    python benchmarks/generate.py 100 /tmp/corpus

>>> name, text = document(0)
>>> name, "Session 1 of the International Dialogue on Migration 1980" in text
('idm-1980-s1-00000.en.md', True)
"""

from __future__ import annotations

import argparse
import random
from functools import cache
from pathlib import Path

from idm_graph.core.resources import package_file

__all__ = ["document", "main", "write_corpus"]

FIRST = ["Amina", "Jorge", "Mei", "Oluwaseun", "Fatima", "Lars", "Priya", "Tomás", "Aisha",
         "Hiroshi", "Elena", "Kwame", "Sofía", "Dmitri", "Nadia", "Rafael", "Chloé", "Samir",
         "Ingrid", "Thandiwe", "Marco", "Leila", "Juan Carlos", "Ana María", "Yusuf", "Grace"]
LAST = ["Okafor", "Haddad", "Lindqvist", "Fernández", "Nakamura", "Mensah", "Rossi", "Kowalski",
        "Ndiaye", "Sharma", "Dubois", "Petrov", "Gómez", "Al-Khatib", "Van der Berg", "Osei",
        "Moreau", "Silva", "Chen", "Abdi", "Novak", "Mwangi", "Laurent", "Hassan", "Ortega"]
COUNTRIES = [("Philippines", "Philippines", "des Philippines"), ("Mexico", "Mexique", "du Mexique"),
             ("Senegal", "Sénégal", "du Sénégal"), ("Bangladesh", "Bangladesh", "du Bangladesh"),
             ("Morocco", "Maroc", "du Maroc"), ("Colombia", "Colombie", "de la Colombie"),
             ("Kenya", "Kenya", "du Kenya"), ("Italy", "Italie", "de l'Italie"),
             ("Jordan", "Jordanie", "de la Jordanie"), ("Thailand", "Thaïlande", "de la Thaïlande"),
             ("Ecuador", "Équateur", "de l'Équateur"), ("Nigeria", "Nigéria", "du Nigéria"),
             ("Germany", "Allemagne", "de l'Allemagne"), ("Portugal", "Portugal", "du Portugal"),
             ("Fiji", "Fidji", "des Fidji"), ("Chile", "Chili", "du Chili")]
FR_IN = {"Philippines": "aux Philippines", "Mexique": "au Mexique", "Sénégal": "au Sénégal",
         "Bangladesh": "au Bangladesh", "Maroc": "au Maroc", "Colombie": "en Colombie",
         "Kenya": "au Kenya", "Italie": "en Italie", "Jordanie": "en Jordanie",
         "Thaïlande": "en Thaïlande", "Équateur": "en Équateur", "Nigéria": "au Nigéria",
         "Allemagne": "en Allemagne", "Portugal": "au Portugal", "Fidji": "aux Fidji",
         "Chili": "au Chili"}
COMPANIES = ["RemitNow Ltd", "Sahel Transferts SA", "Andes Digital Payments Inc",
             "BlueBridge Capital Partners", "Kora Mobile Money Group"]
FOUNDATIONS = ["Fondation Horizons Migrations", "Robert Bosch Stiftung GmbH",
               "Global Diaspora Foundation"]
ASSOCIATIONS = ["Association des femmes migrantes", "Network of Migrant Youth",
                "Association pour l'intégration des femmes"]
PANELS = [
    ("Remittances, digital finance and financial inclusion of migrants",
     "Rapatriements de fonds, finance numérique et inclusion financière des migrants"),
    ("Diaspora investment and sustainable development",
     "Investissement de la diaspora et développement durable"),
    ("Data for evidence-based migration policy",
     "Données au service de politiques migratoires fondées sur des éléments factuels"),
    ("Climate change, disasters and human mobility",
     "Changements climatiques, catastrophes et mobilité humaine"),
    ("Access to health services for migrants",
     "Accès des migrants aux services de santé"),
    ("Youth, skills and decent work", "Jeunesse, compétences et travail décent"),
    ("Women migrants in the recovery", "Les femmes migrantes dans le relèvement"),
    ("Border management after the pandemic", "Gestion des frontières après la pandémie"),
]
MONTHS_EN = ["March", "May", "July", "October", "November"]
MONTHS_FR = ["mars", "mai", "juillet", "octobre", "novembre"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def document(index: int, seed: int = 7) -> tuple[str, str]:
    """(file name, text) of synthetic summary number ``index``."""
    rng = random.Random(seed * 100_003 + index)  # noqa: S311 - test data, not cryptography
    english = index % 2 == 0
    year = 1980 + index % 120  # every document its own session, as in a real corpus
    session = 1 + index // 120
    day = rng.randint(3, 26)
    month = rng.randrange(len(MONTHS_EN))
    panels = rng.sample(PANELS, 3)
    speakers = [_person(rng) for _ in range(6)]
    countries = rng.sample(COUNTRIES, 4)
    objective_a, objective_b = rng.sample(range(1, 24), 2)
    lang = 0 if english else 1
    values = {
        "year": year, "next_year": year + 1, "day": day, "day2": day + 1,
        "month": (MONTHS_EN if english else MONTHS_FR)[month],
        "next_month": (MONTHS_EN if english else MONTHS_FR)[(month + 2) % 5],
        "session": session,
        "theme": panels[0][lang].lower(), "count": rng.randint(15, 45),
        "objective_a": objective_a, "objective_b": objective_b,
        "company": rng.choice(COMPANIES), "foundation": rng.choice(FOUNDATIONS),
        "association": rng.choice(ASSOCIATIONS),
        "panel_lines": "\n".join(f"- **Panel {i}**{'' if english else ' '}: {p[lang]}"
                                 for i, p in enumerate(panels, 1)),
        **{f"s{i}": name for i, name in enumerate(speakers)},
        **{f"c{i}": c[lang] for i, c in enumerate(countries)},
        **{f"c{i}_of": c[2] for i, c in enumerate(countries)},
        "c3_in": FR_IN[countries[3][1]],
    }
    suffix = "en" if english else "fr"
    name = f"idm-{year}-s{session}-{index:05d}.{suffix}.md"
    return name, _template(suffix).format_map(values)


@cache
def _template(lang: str) -> str:
    return package_file("templates_synthetic", f"{lang}.md").read_text(encoding="utf-8")


def write_corpus(count: int, directory: Path, *, seed: int = 7) -> list[Path]:
    """Write ``count`` documents into ``directory``; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        name, text = document(index, seed)
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    """Command line: ``python benchmarks/generate.py N DIR [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = write_corpus(args.count, args.directory, seed=args.seed)
    print(f"wrote {len(paths)} documents to {args.directory}")


if __name__ == "__main__":
    main()
