"""Organisations: well-known ones by name or acronym, others from « Name (ACRONYM) »
patterns and from the role phrases of persons, each with a kind.

>>> org_kind("Robert Bosch Stiftung GmbH"), org_kind("Association pour l'intégration des femmes")
('foundation', 'ngo')
>>> org_kind("Département des affaires étrangères des Philippines")
'government-body'
"""

from __future__ import annotations

import re

from idm_graph.document import fold
from idm_graph.extract.context import Context
from idm_graph.extract.gazetteer import OrgEntry, organisations
from idm_graph.facts import Entity, Evidence
from idm_graph.vocab import slug

__all__ = ["extract_organisations", "gazetteer_entity", "org_kind", "phrase_entity"]

_KIND_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("foundation", re.compile(r"\b(?:Fondation|Foundation|Stiftung|Fundación|Fundação)\b")),
    ("government-body", re.compile(
        r"\b(?:Minist[eè]re|Ministry|Départe?ment|Department|Gouvernement|Government|"
        r"Secrétariat d'État|Agence nationale|National Agency|Office national|Ambassade|"
        r"Embassy|Mission permanente|Permanent Mission|Bureau national)\b")),
    ("ngo", re.compile(r"\b(?:Association|ONG|NGO|Réseau|Network|Society|Société civile|"
                       r"Alliance|Coalition|Federation|Fédération|Union des|Council of)\b")),
    ("academia", re.compile(r"\b(?:Université|University|Institut|Institute|College|"
                            r"Collège|School|École|Centre de recherche|Research Centre)\b")),
    ("data-tool", re.compile(r"\b(?:Matrice|Matrix|Portail|Portal|Observatoire|Observatory|"
                             r"Data|Données|Tracking|Suivi)\b")),
    ("private-company", re.compile(
        r"\b(?:GmbH|Ltd|Inc|LLC|S\.A\.|SA|SAS|PLC|Corp|Corporation|Company|Compagnie|"
        r"Group|Groupe|Bank|Banque|Technologies|Solutions|Holdings|Global|Capital|Ventures|"
        r"Partners|Consulting)\b\.?$")),
    ("project", re.compile(r"^(?:projet|project|initiative|programme|program)\b",
                           re.IGNORECASE)),
]
_ORG_HEAD = re.compile(
    r"^(?:Organisation|Organization|Centre|Center|Matrice|Fonds|Fund|Agence|Agency|Office|"
    r"Bureau|Commission|Conseil|Council|Association|Fondation|Foundation|Institut|Institute|"
    r"Banque|Bank|Réseau|Network|Union|Alliance|Minist[eè]re|Ministry|Départe?ment|Department|"
    r"Haut-Commissariat|Comité|Committee|Secrétariat|Secretariat|Mission|Groupe|Group|"
    r"Université|University|Observatoire|Observatory|Programme|Federation|Fédération)\b")
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&-]{1,9})\)")
_STOP_BACK = frozenset(
    "le la l' les du de des d' the of a an un une tels que such as".split())


def org_kind(name: str) -> str:
    """The kind of an organisation from its name alone (``other`` when nothing tells)."""
    for kind, pattern in _KIND_CUES:
        if pattern.search(name):
            return kind
    return "other"


def gazetteer_entity(entry: OrgEntry, evidence: Evidence, *,
                     acronym: str | None = None) -> Entity:
    """The entity of a well-known organisation, with the acronym the text used (if any)."""
    attrs: dict[str, object] = {"kind": entry.kind}
    if acronym:
        attrs["acronym"] = acronym
    if entry.part_of:
        attrs["partOf"] = f"org/{entry.part_of}"
    return Entity(f"org/{entry.key}", "Organization", labels={"en": entry.en, "fr": entry.fr},
                  attrs=attrs, evidence=[evidence])


def phrase_entity(name: str, lang: str, evidence: Evidence, *, kind: str | None = None,
                  acronym: str | None = None) -> Entity:
    """The entity of an organisation named by a phrase of the text."""
    attrs: dict[str, object] = {"kind": kind or org_kind(name)}
    if acronym:
        attrs["acronym"] = acronym
    return Entity(f"org/{slug(acronym or name)}", "Organization", labels={lang: name},
                  attrs=attrs, evidence=[evidence])


def extract_organisations(ctx: Context) -> None:
    """Every organisation the text names: gazetteer entries and « Name (ACRONYM) »."""
    gazetteer = organisations()
    for block in ctx.doc.blocks:
        if block.kind == "footnote":
            continue
        taken: list[tuple[int, int]] = []
        for mention in gazetteer.find(block.text):
            ctx.facts.add(gazetteer_entity(
                mention.entry, ctx.evidence(block, mention.start, mention.end),
                acronym=mention.acronym))
            taken.append((mention.start, mention.end))
        for match in _ACRONYM.finditer(block.text):
            if any(a <= match.start(1) < b for a, b in taken):
                continue
            start = _name_start(block.text, match.start())
            if start is None:
                continue
            name = block.text[start : match.start()].strip()
            if not _ORG_HEAD.match(name) or fold(name) in gazetteer.forms:
                continue
            ctx.facts.add(phrase_entity(name, ctx.doc.language,
                                        ctx.evidence(block, start, match.end()),
                                        acronym=match.group(1)))


def _name_start(text: str, paren: int) -> int | None:
    """Start of the capitalised name that ends just before ``paren``."""
    words = list(re.finditer(r"[\w'’-]+", text[:paren]))[-10:]
    start = None
    for index in range(len(words) - 1, -1, -1):
        word = words[index].group(0)
        previous = words[index - 1].group(0).lower() if index else ""
        if word[0].isupper() and (index == 0 or previous in _STOP_BACK
                                  or previous.endswith("'")):
            start = words[index].start()
            break
    if start is not None and text[start:].lower().startswith(("l'", "d'")):
        start += 2
    return start
