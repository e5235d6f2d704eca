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

from idm_graph.core.resources import package_file
from idm_graph.text.document import fold

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
            official = getattr(country, "official_name", None)
            if official and french.gettext(official) != official:  # États-Unis du Mexique
                french_forms.append(_uninvert(french.gettext(official)))
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
        adjectives_fr: dict[str, dict[str, list[str]]] = yaml.safe_load(
            package_file("gazetteers", "adjectives.yaml").read_text(encoding="utf-8"))
        for iso3, langs in adjectives_fr.items():  # « la République argentine »
            for word in langs.get("fr", [])[:1]:
                feminine = _french_forms(word)[1] if len(_french_forms(word)) > 2 else word
                forms.setdefault(fold(f"République {feminine}"), iso3)
        for form, iso3 in list(forms.items()):  # capitals often lose their accent: Etats-Unis
            bare = form.replace("É", "E").replace("Î", "I")
            forms.setdefault(bare, iso3)
        self.forms = forms
        #: acronyms and dotted forms match only as written
        self.exact: dict[str, set[str]] = {}
        for langs in extra.values():
            for names in langs.values():
                for form in names:
                    if form.isupper() or "." in form:
                        self.exact.setdefault(fold(form), set()).add(form)
        alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")

    def find(self, text: str) -> list[CountryMention]:
        """Every country name in ``text``, left to right.

        A name counts only as a proper noun (its first letter a capital); an acronym or dotted
        form (« US », « U.S. », « RDC ») only as written; a name that is also a common word or
        a surname (« Réunion du mardi », "Lisa Monaco", "Jordan") only where a place reads:
        after a lower-case word such as a preposition or article, not inside a run of
        capitalised words.

        >>> [m.iso3 for m in countries().find("Réunion du mardi. Lisa Monaco met us in Turkey.")]
        ['TUR']
        >>> text = "Le Sénégal et les Etats-Unis, with the US and Monaco"
        >>> [m.iso3 for m in countries().find(text)]
        ['SEN', 'USA', 'USA', 'MCO']
        """
        found = []
        for match in self._pattern.finditer(fold(text)):
            form = match.group(1)
            written = text[match.start() : match.end()]
            if form in self.exact and written not in self.exact[form]:
                continue
            if not written[:1].isupper():
                continue
            if form in _AMBIGUOUS and not _place_context(text, match.start(), match.end()):
                continue
            found.append(CountryMention(self.forms[form], written, match.start(), match.end()))
        return found

    def label(self, iso3: str, lang: str) -> str:
        """The country's short name in ``lang`` (``fr`` or ``en``)."""
        return self.names[iso3][lang]


#: Country names that are also common words, given names or surnames (as written).
_AMBIGUOUS = frozenset({"Monaco", "Réunion", "Jordan", "Chad", "Georgia", "Jersey", "Guernsey",
                        "Maurice", "Dominique", "Salvador", "Tonga", "Dominica", "Guinea"})
_PLACE_WORD = re.compile(r"(?:^|\s)(?:in|to|from|of|the|and|or|with|by|for|at|visit\w*|"
                         r"en|au|aux|à|a|de|du|des|la|le|l'|et|ou|avec|par|pour|sur|vers|"
                         r"entre)\s+$", re.IGNORECASE)


def _place_context(text: str, start: int, end: int) -> bool:
    """Whether an ambiguous country name at ``text[start:end]`` reads as a place."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 4]
    if re.match(r"\s+(?:du|de|des|d'|of)\b", after) and not before.strip():
        return False  # « Réunion du mardi … » opening a line
    if re.search(r"[A-ZÀ-Þ][\w'’-]*\s+$", before):
        return False  # inside a run of capitalised words: a name
    return bool(_PLACE_WORD.search(before)) or bool(re.search(r"[,;(]\s*$", before))


def _uninvert(name: str) -> str:
    """``Russie, Fédération de`` → ``Fédération de Russie``; names without comma unchanged."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    joiner = "" if tail.endswith("'") else " "
    return f"{tail}{joiner}{head}"


@dataclass(frozen=True, slots=True)
class AdjectiveMention:
    """A country named by an adjective or demonym: ``text[start:end]``; ``form`` is
    ``adjective`` (« la délégation sénégalaise », "Mexican President") or ``demonym``
    ("Mexicans", « un Syrien »).
    """

    iso3: str
    name: str
    start: int
    end: int
    form: str


_EN_HEADS = (r"delegations?|government|authorities|partners|counterparts|nationals|citizens|"
             r"officials?|migrants|workers|people|state|presidency|chair|chairmanship|embassy|"
             r"side|diaspora|community|communities|population|society|army|police|border|"
             r"national|refugees?|asylum|asylum-seekers|families|children|women|men|youth|"
             r"leaders?|president|minister|ministry|foreign|navy|coast|coastguard|territory|"
             r"soil|economy|market|labou?r|companies|businesses|origin|descent|passports?|"
             r"visas?|consulates?|regime|parliament|congress|senate|courts?|laws?|"
             r"counterpart|administration|cabinet|forces|troops|guard|guards|military|"
             r"economic|political|public|private|civil|legislation|policy|policies|"
             r"programs?|programmes?|agencies|agency|institutions?|sovereignty|crisis|"
             r"exodus|arrivals|returnees|deportees|deportations?|residents|immigrants|"
             r"emigrants|students|farmworkers|nurses|doctors|seasonal|temporary|"
             r"and|or")
_FR_HEADS = (r"délégations?|gouvernements?|autorités|président|présidente|ministre|ministère|"
             r"ambassade|ambassadeur|ambassadrice|partie|état|etat|ressortissants?|migrants?|"
             r"travailleurs?|travailleuses?|diaspora|pouvoirs publics|homologues?|partenaires?|"
             r"nationalité|peuple|société civile|communauté|frontières?|côté|armée|police|"
             r"présidence|représentants?|représentantes?|agents?|services?|législation|"
             r"loi|institutions?")


class AdjectiveGazetteer:
    """Finds countries named by adjectives of nationality and demonyms (French and English).

    >>> found = adjectives().find("Mexican President X met the Canadian and U.S. delegations.",
    ...                           "en")
    >>> [(m.iso3, m.form) for m in found]
    [('MEX', 'adjective'), ('CAN', 'adjective'), ('USA', 'adjective')]
    >>> [(m.iso3, m.form) for m in adjectives().find("La délégation sénégalaise a répondu.", "fr")]
    [('SEN', 'adjective')]
    >>> adjectives().find("Available in French.", "en")
    []
    """

    def __init__(self) -> None:
        raw: dict[str, dict[str, list[str]]] = yaml.safe_load(
            package_file("gazetteers", "adjectives.yaml").read_text(encoding="utf-8"))
        self.en: dict[str, str] = {}
        self.fr: dict[str, str] = {}
        for iso3, langs in raw.items():
            for word in langs.get("en", []):
                self.en[word] = iso3
            for word in langs.get("fr", []):
                for form in _french_forms(word):
                    self.fr[form] = iso3
        en = "|".join(re.escape(w) for w in sorted(self.en, key=len, reverse=True))
        fr = "|".join(re.escape(w) for w in sorted(self.fr, key=len, reverse=True))
        self._en = re.compile(rf"(?<![\w.-])({en})(s?)(?![\w-])")
        self._en_after = re.compile(rf"^(?:(?:\s+(?:and|or|,)\s*(?:the\s+)?(?:{en}))*)\s+"
                                    rf"(?:[A-Z]|(?:{_EN_HEADS})\b)")
        self._fr = re.compile(rf"(?<![\w-])({fr})(?![\w-])", re.IGNORECASE)
        self._fr_before = re.compile(rf"\b(?:{_FR_HEADS})(?:\s+[a-zà-ÿ]+)?\s*$",
                                     re.IGNORECASE)

    def find(self, text: str, lang: str) -> list[AdjectiveMention]:
        """Adjectives and demonyms of countries in ``text`` (a sentence) of language ``lang``."""
        found: list[AdjectiveMention] = []
        if lang == "en":
            for match in self._en.finditer(text):
                word, plural = match.group(1), match.group(2)
                iso3 = self.en[word]
                if plural:
                    if word[-1] in "ns":  # "Mexicans", "Canadians": people of the country
                        found.append(AdjectiveMention(iso3, match.group(0), match.start(),
                                                      match.end(), "demonym"))
                    continue
                attributive = word in ("US", "U.S.") or self._en_after.match(
                    text[match.end() : match.end() + 200])
                if attributive:
                    found.append(AdjectiveMention(iso3, word, match.start(), match.end(1),
                                                  "adjective"))
            return found
        for match in self._fr.finditer(text):
            word = match.group(1)
            found_iso3 = self.fr.get(word.lower())
            if found_iso3 is None:
                continue
            iso3 = found_iso3
            if word[0].isupper():
                before = text[max(0, match.start() - 12) : match.start()]
                if re.search(r"\b(?:un|une|des|les|aux|deux|trois|[0-9]+)\s+$", before,
                             re.IGNORECASE):
                    found.append(AdjectiveMention(iso3, word, match.start(), match.end(),
                                                  "demonym"))
                continue
            if self._fr_before.search(text[max(0, match.start() - 60) : match.start()]):
                found.append(AdjectiveMention(iso3, word, match.start(), match.end(),
                                              "adjective"))
        return found


def _french_forms(word: str) -> list[str]:
    """Masculine and feminine, singular and plural forms of a French adjective of nationality.

    >>> _french_forms("sénégalais"), _french_forms("italien")[1], _french_forms("turc")[1]
    (['sénégalais', 'sénégalaise', 'sénégalaises'], 'italienne', 'turque')
    """
    if word.endswith("e"):
        return [word, word + "s"]
    if word.endswith(("s", "x")):
        return [word, word + "e", word + "es"]
    if word.endswith(("ien", "éen")):
        feminine = word + "ne"
    elif word == "turc":
        feminine = "turque"
    elif word == "grec":
        feminine = "grecque"
    else:
        feminine = word + "e"
    return [word, feminine, word + "s", feminine + "s"]


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
        #: a name in lower case (« Nations unies » as « Nations Unies »): its entry
        self.names: dict[str, str] = {}
        #: an acronym as written: its entry
        self.acronyms: dict[str, str] = {}
        for raw in entries:
            entry = OrgEntry(raw["key"], raw["en"], raw["fr"], raw["kind"],
                             tuple(raw.get("acronyms", ())), raw.get("part_of"))
            self.entries[entry.key] = entry
            for name in [entry.en, entry.fr, *raw.get("names", ())]:
                self.names[fold(name).lower()] = entry.key
            for acronym in entry.acronyms:
                self.acronyms[acronym] = entry.key
        self._acronyms = re.compile(
            rf"(?<![\w-])({_alternatives(list(self.acronyms))})(?![\w-])")
        # names in any case after their first letter (« Haut-Commissariat des Nations unies »)
        self._names = re.compile(rf"(?<![\w-])({_alternatives(list(self.names))})(?![\w-])",
                                 re.IGNORECASE)

    def known(self, name: str) -> bool:
        """Whether ``name`` is an entry's name (in any case) or acronym."""
        return fold(name) in self.acronyms or fold(name).lower() in self.names

    def find(self, text: str) -> list[OrgMention]:
        """Every well-known organisation in ``text``, left to right, longest first: names
        whatever the case of their later words (written with a capital), acronyms as
        written.

        >>> [m.entry.key for m in organisations().find(
        ...     "le Haut-Commissariat des Nations unies pour les réfugiés et l'OIM")]
        ['unhcr', 'iom']

        A name that begins with an article (« La Cimade », "The Associated Press") is found
        after the article in lower case too, from its capitalised word:

        >>> [(m.entry.key, m.start) for m in organisations().find("Reuters and the "
        ...                                                       "Associated Press")]
        [('reuters', 0), ('ap', 16)]
        """
        folded = fold(text)
        found: dict[int, OrgMention] = {}
        for match in self._names.finditer(folded):
            name = match.group(1)
            lead = _NAME_ARTICLE.match(name)
            start = match.start()
            if not name[:1].isupper():
                if not (lead and name[lead.end() :][:1].isupper()):
                    continue
                start += lead.end()  # « la Cimade »: the name from its capital
            key = self.names[name.lower()]
            found[start] = OrgMention(self.entries[key], start, match.end(), None)
        taken = sorted((m.start, m.end) for m in found.values())
        for match in self._acronyms.finditer(folded):
            if any(a <= match.start() < b for a, b in taken):
                continue
            acronym = match.group(1)
            found[match.start()] = OrgMention(self.entries[self.acronyms[acronym]],
                                              match.start(), match.end(), acronym)
        return [found[start] for start in sorted(found)]


#: An article a well-known name may begin with (« La Cimade », "The Associated Press").
_NAME_ARTICLE = re.compile(r"(?:(?:the|la|le|les)\s+|l['’]\s*)", re.IGNORECASE)


def _alternatives(forms: list[str]) -> str:
    """A regular expression alternation of ``forms``, the longest first."""
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


@cache
def countries() -> CountryGazetteer:
    """The country gazetteer (built once)."""
    return CountryGazetteer()


@cache
def adjectives() -> AdjectiveGazetteer:
    """The gazetteer of adjectives of nationality and demonyms (built once)."""
    return AdjectiveGazetteer()


@cache
def organisations() -> Organisations:
    """The organisation gazetteer (built once)."""
    raw = yaml.safe_load(package_file("gazetteers", "organisations.yaml").read_text("utf-8"))
    return Organisations(raw)
