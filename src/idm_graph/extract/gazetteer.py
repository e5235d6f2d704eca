"""Gazetteers of general knowledge: countries, organisations, honorifics, numbers, months.

Nothing here is specific to one document: countries come from ISO 3166 (pycountry, with its
French translation), organisations from ``gazetteers/organisations.yaml``.

>>> [(m.iso3, m.name) for m in countries().find("celles de la Chine, du Qatar et des Philippines")]
[('CHN', 'Chine'), ('QAT', 'Qatar'), ('PHL', 'Philippines')]
>>> number_word("huit"), number_word("41"), number_word("twelve")
(8, 41, 12)
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from idm_graph.document import fold
from idm_graph.resources import package_file

__all__ = [
    "MONTHS",
    "CountryGazetteer",
    "CountryMention",
    "OrgEntry",
    "OrgMention",
    "Organisations",
    "countries",
    "number_word",
    "ordinal_word",
    "organisations",
]

_NUMBERS = {
    "un": 1, "une": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4,
    "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8,
    "neuf": 9, "nine": 9, "dix": 10, "ten": 10, "onze": 11, "eleven": 11, "douze": 12,
    "twelve": 12, "treize": 13, "thirteen": 13, "quatorze": 14, "fourteen": 14,
    "quinze": 15, "fifteen": 15, "seize": 16, "sixteen": 16, "vingt": 20, "twenty": 20,
}
_ORDINALS = {
    "premier": 1, "première": 1, "first": 1, "1re": 1, "1er": 1,
    "deuxième": 2, "seconde": 2, "second": 2, "2e": 2, "troisième": 3, "third": 3,
    "3e": 3, "quatrième": 4, "fourth": 4, "cinquième": 5, "fifth": 5,
}
MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}


def number_word(word: str) -> int | None:
    """An integer from digits or a French/English number word, else ``None``."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word)


def ordinal_word(word: str) -> int | None:
    """An integer from a French/English ordinal (``seconde`` → 2), else ``None``."""
    return _ORDINALS.get(word.strip().lower())


@dataclass(frozen=True, slots=True)
class CountryMention:
    """A country named in a text: ``text[start:end]`` is the name (without article)."""

    iso3: str
    name: str
    start: int
    end: int


class CountryGazetteer:
    """Finds countries by their French and English names, with or without article."""

    def __init__(self) -> None:
        import pycountry

        french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
        self.names: dict[str, dict[str, str]] = {}
        forms: dict[str, str] = {}
        for country in pycountry.countries:
            iso3 = country.alpha_3
            english = [country.name, getattr(country, "common_name", None),
                       getattr(country, "official_name", None)]
            fr_name = french.gettext(country.name)
            french_forms = [_uninvert(fr_name)]
            self.names[iso3] = {"en": getattr(country, "common_name", None) or country.name,
                                "fr": _uninvert(fr_name)}
            for form in [*english, *french_forms]:
                if form and "," not in form:
                    forms.setdefault(fold(form), iso3)
        extra: dict[str, dict[str, list[str]]] = yaml.safe_load(
            package_file("gazetteers", "countries.yaml").read_text(encoding="utf-8"))
        for iso3, langs in extra.items():
            for lang, names in langs.items():
                self.names[iso3][lang] = names[0] if lang == "fr" else self.names[iso3][lang]
                for form in names:
                    forms[fold(form)] = iso3
        self.forms = forms
        alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")

    def find(self, text: str) -> list[CountryMention]:
        """Every country name in ``text``, left to right."""
        found = []
        for match in self._pattern.finditer(fold(text)):
            form = match.group(1)
            found.append(CountryMention(self.forms[form], text[match.start() : match.end()],
                                        match.start(), match.end()))
        return found

    def label(self, iso3: str, lang: str) -> str:
        """The country's short name in ``lang`` (``fr`` or ``en``)."""
        return self.names[iso3][lang]


def _uninvert(name: str) -> str:
    """``Russie, Fédération de`` → ``Fédération de Russie``; names without comma unchanged."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    joiner = "" if tail.endswith("'") else " "
    return f"{tail}{joiner}{head}"


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """A well-known organisation of the gazetteer."""

    key: str
    en: str
    fr: str
    kind: str
    acronyms: tuple[str, ...]
    part_of: str | None


@dataclass(frozen=True, slots=True)
class OrgMention:
    """An organisation named in a text: ``text[start:end]``."""

    entry: OrgEntry
    start: int
    end: int
    acronym: str | None


class Organisations:
    """Finds well-known organisations by name or acronym."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.entries: dict[str, OrgEntry] = {}
        forms: dict[str, tuple[str, str | None]] = {}
        for raw in entries:
            entry = OrgEntry(raw["key"], raw["en"], raw["fr"], raw["kind"],
                             tuple(raw.get("acronyms", ())), raw.get("part_of"))
            self.entries[entry.key] = entry
            for name in [entry.en, entry.fr, *raw.get("names", ())]:
                forms[fold(name)] = (entry.key, None)
            for acronym in entry.acronyms:
                forms[acronym] = (entry.key, acronym)
        self.forms = forms
        alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")

    def find(self, text: str) -> list[OrgMention]:
        """Every well-known organisation in ``text``, left to right, longest first."""
        found = []
        for match in self._pattern.finditer(fold(text)):
            key, acronym = self.forms[match.group(1)]
            found.append(OrgMention(self.entries[key], match.start(), match.end(), acronym))
        return found


@cache
def countries() -> CountryGazetteer:
    """The country gazetteer (built once)."""
    return CountryGazetteer()


@cache
def organisations() -> Organisations:
    """The organisation gazetteer (built once)."""
    raw = yaml.safe_load(package_file("gazetteers", "organisations.yaml").read_text("utf-8"))
    return Organisations(raw)
