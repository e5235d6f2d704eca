"""The session and its structure: series, year, number, dates, venue, format, organiser,
theme, stated counts, panels, opening and closing, conclusions and recommendations.

>>> from idm_graph.text.document import parse_text
>>> from idm_graph.extract.context import Context
>>> doc = parse_text("# Second session of the International Dialogue on Migration 2022\\n\\n"
...                  "14-15 October 2022\\n\\n- Panel 1: Data for policy\\n")
>>> ctx = Context(doc)
>>> extract_structure(ctx)
>>> ctx.session, ctx.facts.entities[ctx.session].attrs["startDate"]
('idm/2022/2', '2022-10-14')
>>> ctx.facts.entities["idm/2022/2/panel/1"].labels
{'en': 'Data for policy'}
"""

from __future__ import annotations

import re

from idm_graph.core import keys
from idm_graph.core.facts import Entity, Evidence
from idm_graph.extract.context import Context
from idm_graph.extract.gazetteer import MONTHS, number_word, ordinal_word, organisations
from idm_graph.extract.organisations import gazetteer_entity
from idm_graph.text.document import Block, fold

__all__ = ["extract_structure"]

_SERIES = re.compile(r"Dialogue international sur la migration|International Dialogue on "
                     r"Migration", re.IGNORECASE)
_ORDINAL_SESSION = re.compile(r"\b(\w+)\s+session\b|\bsession\s+(\d+)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")
_MONTH = "|".join(MONTHS)
_DATE_DMY = re.compile(rf"\b(\d{{1,2}})(?:er)?(?:\s*(?:et|and|-|au|to)\s*(\d{{1,2}})(?:er)?)?"
                       rf"\s+({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
_DATE_MDY = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:\s*(?:-|and|to)\s*(\d{{1,2}}))?,?\s+"
                       rf"(\d{{4}})\b", re.IGNORECASE)
_FORMAT = re.compile(r"\((hybride|hybrid|virtuel(?:le)?|virtual|en ligne|online|"
                     r"en personne|en présentiel|in person)\)", re.IGNORECASE)
_MODES = {"hybride": "Mixed", "hybrid": "Mixed", "virtuel": "Online", "virtuelle": "Online",
          "virtual": "Online", "en ligne": "Online", "online": "Online"}
_THEME = re.compile(r"th[èe]me\b[^«\"“]{0,40}[«\"“]\s*(.+?)\s*[»\"”]", re.IGNORECASE)
_PANEL_COUNT = re.compile(r"\b(\w+)\s+(?:panels|panneaux|tables rondes|round ?tables)\b",
                          re.IGNORECASE)
_SPEAKER_COUNT = re.compile(r"\b(\w+)\s+(?:orateurs|intervenants|speakers|panell?ists)"
                            r"(?:\s+(?:et|and)\s+(?:modérateurs|moderators))?", re.IGNORECASE)
_PANEL = re.compile(r"^(?:Panel|Table ronde|Round ?table|Séance thématique|Thematic session)"
                    r"\s+(\d{1,2})\s*[:.–—-]\s*(.+)$", re.IGNORECASE)
_CONCLUSION = re.compile(r"^(\d{1,2})[.)]\s+(.+)$")
_RECOMMENDATIONS = re.compile(r"recommandation|recommendation|voie à suivre|way forward",
                              re.IGNORECASE)
_CLOSING = re.compile(r"^(?:clôture|closing|séance de clôture|closing session|"
                      r"remarques de clôture|closing remarks)\b", re.IGNORECASE)
_OPENING = re.compile(r"séance d'ouverture|opening session|opening segment|a ouvert la "
                      r"(?:réunion|session)|opened the (?:meeting|session|dialogue)|"
                      r"remarques introductives|opening remarks", re.IGNORECASE)
_RECOMMENDED = re.compile(r"\b(?:il a été recommandé|a recommandé|ont recommandé|"
                          r"was recommended|recommended that|recommended to)\b", re.IGNORECASE)


def extract_structure(ctx: Context) -> None:
    """Find the session, its panels, opening, closing, conclusions and recommendations."""
    _session(ctx)
    _panels(ctx)
    _segments(ctx)
    _conclusions(ctx)
    _recommendations(ctx)


def _header(ctx: Context) -> list[Block]:
    """Blocks before the first long paragraph: title, theme, dates, venue."""
    out = []
    for block in ctx.doc.blocks:
        if block.kind == "paragraph" and len(block.text) > 200:
            break
        out.append(block)
    return out[:12]


def _session(ctx: Context) -> None:
    doc = ctx.doc
    header = _header(ctx)
    title_block = next((b for b in doc.blocks[:30] if _SERIES.search(b.text)), None)
    attrs: dict[str, object] = {}
    year = number = None
    evidence = []
    if title_block is not None:
        match = _SERIES.search(title_block.text)
        assert match is not None
        attrs["series"] = match.group(0)
        evidence.append(ctx.evidence(title_block, 0, len(title_block.text)))
        if y := _YEAR.search(title_block.text):
            year = int(y.group(1))
        for o in _ORDINAL_SESSION.finditer(title_block.text):
            number = ordinal_word(o.group(1)) if o.group(1) else int(o.group(2))
            if number:
                break
    for block in header:
        if "startDate" not in attrs and (m := (_DATE_DMY.search(block.text)
                                               or _DATE_MDY.search(block.text))):
            start, end, y_ = _dates(m)
            attrs["startDate"], attrs["endDate"] = start, end
            year = year or int(y_)
            evidence.append(ctx.evidence(block, m.start(), m.end()))
        if "format" not in attrs and (f := _FORMAT.search(block.text)):
            mode = _MODES.get(f.group(1).lower(), "Offline")
            attrs["format"] = mode
            venue = block.text[: f.start()].strip(" ,")
            if venue:
                attrs["venue"] = venue
            evidence.append(ctx.evidence(block, 0, len(block.text)))
    if year and number:
        ctx.session = keys.session("idm", year, number)
    if year:
        attrs["year"] = year
    if number:
        attrs["number"] = number
    ctx.start_date = attrs.get("startDate")  # type: ignore[assignment]
    labels = {}
    if title_block is not None:
        labels[doc.language] = title_block.text
    _theme_and_counts(ctx, attrs, evidence)
    organiser = _organiser(ctx, header)
    session = Entity(ctx.session, "DialogueSession", labels=labels, attrs=attrs,
                     evidence=evidence)
    ctx.facts.add(session)
    if organiser:
        ctx.facts.relate(ctx.session, "organizer", organiser)


def _dates(match: re.Match[str]) -> tuple[str, str, str]:
    groups = match.groups()
    if groups[0].isdigit():
        day1, day2, month, year = groups
    else:
        month, day1, day2, year = groups
    m = MONTHS[month.lower()]
    start = f"{year}-{m:02d}-{int(day1):02d}"
    end = f"{year}-{m:02d}-{int(day2 or day1):02d}"
    return start, end, year


def _theme_and_counts(ctx: Context, attrs: dict[str, object],
                      evidence: list[Evidence]) -> None:
    for block in ctx.doc.blocks[:40]:
        folded = fold(block.text)
        if "theme" not in attrs and (t := _THEME.search(folded)):
            attrs["theme"] = block.text[t.start(1) : t.end(1)]
            evidence.append(ctx.evidence(block, t.start(1), t.end(1)))
        if "panelCount" not in attrs and (p := _PANEL_COUNT.search(folded)):
            value = number_word(p.group(1))
            if value:
                attrs["panelCount"] = value
                evidence.append(ctx.evidence(block, p.start(), p.end()))
        if "speakerCount" not in attrs and (s := _SPEAKER_COUNT.search(folded)):
            value = number_word(s.group(1))
            if value:
                attrs["speakerCount"] = value
                evidence.append(ctx.evidence(block, s.start(), s.end()))
    if "theme" not in attrs:
        italic = next((b for b in ctx.doc.blocks[:6] if b.kind == "heading"
                       and not _SERIES.search(b.text) and ctx.doc.text[
                           b.offsets[0] - 1] in "*_"), None)
        if italic is not None:
            attrs["theme"] = italic.text
            evidence.append(ctx.evidence(italic, 0, len(italic.text)))


def _organiser(ctx: Context, header: list[Block]) -> str | None:
    gazetteer = organisations()
    for block in header:
        for mention in gazetteer.find(block.text):
            key = keys.organisation(mention.entry.key)
            ctx.facts.add(gazetteer_entity(mention.entry, ctx.evidence(
                block, mention.start, mention.end), acronym=mention.acronym,
                lang=ctx.doc.language))
            return key
    return None


def _panels(ctx: Context) -> None:
    for block in ctx.doc.blocks:
        match = _PANEL.match(block.text)
        if not match:
            continue
        number, title = int(match.group(1)), match.group(2).strip()
        key = keys.panel(ctx.session, number)
        if number in ctx.panels:
            continue
        ctx.panels[number] = key
        ctx.panel_titles[key] = title
        ctx.facts.add(Entity(key, "Panel", labels={ctx.doc.language: title},
                             attrs={"number": number},
                             evidence=[ctx.evidence(block, 0, len(block.text))]))
        ctx.facts.relate(key, "superEvent", ctx.session)
        ctx.unit_of_block[block.id] = key
        if block.kind == "heading":
            ctx.event_of_section[block.section] = key


def _segments(ctx: Context) -> None:
    for block in ctx.doc.blocks:
        if block.kind == "heading" and _CLOSING.match(block.text):
            ctx.closing = keys.closing(ctx.session)
            ctx.event_of_section[block.section] = ctx.closing
            _segment(ctx, ctx.closing, "Closing", block, 0, len(block.text))
            continue
        if ctx.opening is None and (m := _OPENING.search(fold(block.text))):
            ctx.opening = keys.opening(ctx.session)
            _segment(ctx, ctx.opening, "Opening", block, m.start(), m.end())


def _segment(ctx: Context, key: str, kind: str, block: Block, start: int, end: int) -> None:
    labels = {"Opening": {"fr": "Ouverture", "en": "Opening"},
              "Closing": {"fr": "Clôture", "en": "Closing"}}[kind]
    ctx.facts.add(Entity(key, kind, labels=dict(labels),
                         evidence=[ctx.evidence(block, start, end)]))
    ctx.facts.relate(key, "superEvent", ctx.session)


def _conclusions(ctx: Context) -> None:
    current: str | None = None
    point = 0
    for block in ctx.doc.blocks:
        if block.kind == "heading":
            match = _CONCLUSION.match(block.text)
            if match and not _PANEL.match(block.text):
                number = int(match.group(1))
                current, point = keys.conclusion(ctx.session, number), 0
                ctx.facts.add(Entity(current, "Conclusion",
                                     labels={ctx.doc.language: match.group(2).strip()},
                                     attrs={"number": number, "text": match.group(2).strip()},
                                     evidence=[ctx.evidence(block, 0, len(block.text))]))
                ctx.facts.relate(current, "isPartOf", ctx.summary)
                ctx.unit_of_block[block.id] = current
                continue
            if current is not None and (block.level <= 3 or _RECOMMENDATIONS.search(
                    block.text) or _CLOSING.match(block.text)):
                current = None
            continue
        if current is None or block.kind == "footnote":
            continue
        point += 1
        key = keys.point(current, point)
        ctx.facts.add(Entity(key, "ConclusionPoint", attrs={"number": point,
                                                             "text": block.text},
                             evidence=[ctx.evidence(block, 0, len(block.text))]))
        ctx.facts.relate(key, "isPartOf", current)
        ctx.unit_of_block[block.id] = key


def _recommendations(ctx: Context) -> None:
    inside, number = False, 0
    for block in ctx.doc.blocks:
        if block.kind == "heading":
            inside = bool(_RECOMMENDATIONS.search(block.text)) and not _CONCLUSION.match(
                block.text)
            continue
        if inside and block.kind == "bullet":
            number += 1
            key = keys.recommendation(ctx.session, number)
            ctx.facts.add(Entity(key, "Recommendation", attrs={"number": number,
                                                               "text": block.text},
                                 evidence=[ctx.evidence(block, 0, len(block.text))]))
            ctx.facts.relate(key, "isPartOf", ctx.summary)
            ctx.unit_of_block[block.id] = key
            continue
        for sentence in block.sentences:
            if _RECOMMENDED.search(sentence.text):
                key = keys.recommendation(ctx.session, sentence.id)
                ctx.facts.add(Entity(key, "Recommendation", attrs={"text": sentence.text},
                                     evidence=[ctx.sentence_evidence(sentence)]))
                ctx.facts.relate(key, "isPartOf", ctx.summary)
