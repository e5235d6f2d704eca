"""Curation: facts a researcher adds that the text implies but does not state.

A curation file (``data/curation/<document>.yaml``) names its document and lists
``links`` (which GCM objective a panel, conclusion, conclusion point, recommendation,
contribution or theme serves) and ``contributions`` (at which panel a named speaker spoke).
Each entry has a one-line ``rationale`` and a ``quote`` that must occur in the document's
text (as written, or across a repaired page break). Curated facts keep basis ``curated`` and
go to their own named graph.

An optional top-level ``language`` (``en`` unless given) names the language the rationales
are written in; they are kept as written, with that tag.

Targets are written as a researcher reads the summary: ``panel 7``, ``conclusion 3``,
``conclusion 3.11`` (point 11 of conclusion 3), ``recommendation 15``, ``theme diaspora``,
``session``, or ``contribution <person name>``.

>>> from idm_graph.text.document import parse_text
>>> from idm_graph.extract import extract
>>> doc = parse_text("- Panel 1: Diaspora and development\\n", key="d")
>>> facts = extract(doc)
>>> text = '''document: d
... links:
...   - {target: panel 1, objective: 19, quote: Diaspora and development,
...      rationale: The panel is about diaspora contributions.}
... '''
>>> curated = parse_curation(text, "d.yaml", doc, facts)
>>> [e.attrs["objective"] for e in curated.of_kind("ObjectiveLink")]
['gcm:objective-19']
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from idm_graph.core import keys
from idm_graph.core.errors import CurationError, InputError
from idm_graph.core.facts import CURATED, Entity, Evidence, FactSet
from idm_graph.core.resources import curation_dir
from idm_graph.core.vocab import slug
from idm_graph.extract.contributions import KINDS
from idm_graph.extract.themes import vocabulary
from idm_graph.text.document import Document

__all__ = ["anchor", "curation_file", "find_curation", "find_curation_in", "load_curation",
           "parse_curation"]

_TARGET = re.compile(r"^(panel|conclusion|recommendation|theme|session|contribution)"
                     r"(?:\s+(.+))?$", re.IGNORECASE)


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records the line of each mapping under ``__line__``."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    out = {str(key): value for key, value in mapping.items()}
    out["__line__"] = node.start_mark.line + 1
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                            _mapping_with_line)


def curation_file(source: Path, key: str, curation: bool | Path = True) -> Path | None:
    """The curation file that applies to the document ``key`` read from ``source``: none when
    ``curation`` is false; the file ``curation``, or ``KEY.yaml`` in the folder ``curation``;
    by default ``KEY.yaml`` in ``curation/`` beside the source's folder, in the source's own
    folder, or among the bundled curation files, the first found.
    """
    if curation is False:
        return None
    if isinstance(curation, Path):
        if not curation.exists():
            raise InputError(str(curation), "no such curation file or directory")
        return curation if curation.is_file() else find_curation_in(key, [curation])
    return find_curation_in(key, [source.parent.parent / "curation", source.parent,
                                  curation_dir()])


def find_curation_in(key: str, directories: list[Path]) -> Path | None:
    """``KEY.yaml`` in the first of ``directories`` that has it."""
    return next((d / f"{key}.yaml" for d in directories if (d / f"{key}.yaml").is_file()),
                None)


def find_curation(document: Document, directories: list[Path]) -> Path | None:
    """The curation file of ``document`` in the first directory that has one."""
    return find_curation_in(document.key, directories)


def load_curation(path: Path, document: Document, facts: FactSet) -> tuple[FactSet, str]:
    """Read and check a curation file; return its facts and the sha256 of its bytes."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except OSError as exc:
        raise CurationError(str(path), f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise CurationError(str(path), "not valid UTF-8") from None
    return parse_curation(text, str(path), document, facts), hashlib.sha256(data).hexdigest()


def parse_curation(text: str, where: str, document: Document, facts: FactSet) -> FactSet:
    """Curated facts from the YAML ``text`` (``where`` names it in errors)."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise CurationError(f"{where}{line}", f"malformed YAML: {problem}") from None
    if not isinstance(data, dict):
        raise CurationError(where, "expected a mapping with 'document' and 'links'")
    named = str(data.get("document", ""))
    if named and named not in (document.key, f"{document.key}.md", f"{document.key}.txt"):
        raise CurationError(f"{where}:{data['__line__']}",
                            f"curates {named!r}, not {document.key!r}")
    language = str(data.get("language") or "en").strip().lower()
    if not re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*", language):
        raise CurationError(f"{where}:{data['__line__']}",
                            f"'language' must be a language tag such as en or fr, not "
                            f"{data.get('language')!r}")
    curated = FactSet(source_key=document.key)
    session = next((e.key for e in facts.of_kind("DialogueSession")), None)
    for entry in _entries(data, "links", where):
        _link(entry, where, document, facts, curated, session)
    for entry in _entries(data, "contributions", where):
        _contribution(entry, where, document, facts, curated, session)
    for entity in curated.entities.values():
        if entity.attrs.get("rationale"):
            entity.attrs["rationale_lang"] = language
    return curated


def _entries(data: dict[str, Any], name: str, where: str) -> list[dict[str, Any]]:
    entries = data.get(name) or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise CurationError(f"{where}:{data['__line__']}", f"'{name}' must be a list of "
                                                           "mappings")
    return entries


def _require(entry: dict[str, Any], where: str, *names: str) -> None:
    for name in names:
        value = entry.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise CurationError(f"{where}:{entry['__line__']}", f"missing '{name}'")


def anchor(document: Document, quote: str) -> list[Evidence]:
    """Every place ``quote`` occurs in the document, as written or across repaired artefacts.

    >>> from idm_graph.text.document import parse_text
    >>> doc = parse_text("Tout au long des deux jours\\n\\nde réunion, les **participants**.")
    >>> [(e.start, e.end) for e in anchor(doc, "deux jours de réunion, les participants")]
    [(17, 59)]
    """
    found = []
    position = document.text.find(quote)
    while position >= 0 and quote:
        sentence = _sentence_at(document, position)
        found.append(Evidence(document.key, position, position + len(quote), sentence))
        position = document.text.find(quote, position + 1)
    if found:
        return found
    needle = " ".join(quote.split())
    for block in document.blocks:
        position = block.text.find(needle)
        while position >= 0 and needle:
            start, end = block.span(position, position + len(needle))
            found.append(Evidence(document.key, start, end,
                                  block.sentence_at(position).id if block.sentences else None))
            position = block.text.find(needle, position + 1)
    return found


def _sentence_at(document: Document, offset: int) -> str | None:
    for block in document.blocks:
        if block.offsets and block.offsets[0] <= offset <= block.offsets[-1]:
            for sentence in block.sentences:
                start, end = sentence.span()
                if start <= offset < end:
                    return sentence.id
    return None


def _evidence(entry: dict[str, Any], where: str, document: Document,
              near: list[Evidence]) -> Evidence:
    quote = str(entry["quote"])
    found = anchor(document, quote)
    if not found:
        name = document.path.name if document.path else document.key
        short = quote if len(quote) <= 60 else quote[:57] + "…"
        raise CurationError(f"{where}:{entry['__line__']}",
                            f"quote {short!r} does not occur in {name}")
    for evidence in found:
        if any(n.start <= evidence.start and evidence.end <= n.end for n in near):
            return evidence
    return found[0]


def _resolve(target: str, entry: dict[str, Any], where: str, facts: FactSet,
             session: str | None) -> str:
    match = _TARGET.match(str(target).strip())
    at = f"{where}:{entry['__line__']}"
    if match is None:
        raise CurationError(at, f"unknown target {target!r}; write 'panel N', 'conclusion N',"
                                " 'conclusion N.M', 'recommendation N', 'theme NAME', "
                                "'contribution NAME' or 'session'")
    kind, rest = match.group(1).lower(), (match.group(2) or "").strip()
    if kind == "theme":
        key = f"theme:{slug(rest)}"
        if key not in vocabulary().patterns:
            raise CurationError(at, f"unknown theme {rest!r}")
        return key
    if session is None:
        raise CurationError(at, "the document has no recognisable session to curate")
    if kind == "session":
        key = session
    elif kind == "panel":
        key = keys.panel(session, rest)
    elif kind == "recommendation":
        key = keys.recommendation(session, rest)
    elif kind == "conclusion":
        number, _, point = rest.partition(".")
        key = keys.conclusion(session, number)
        key = keys.point(key, point) if point else key
    else:
        person = keys.person(slug(rest))
        found = [e.key for e in facts.of_kind("Contribution") if e.attrs["agent"] == person]
        if not found:
            raise CurationError(at, f"no contribution of {rest!r} in the extracted facts")
        key = found[0]
    if key not in facts.entities:
        raise CurationError(at, f"target {target!r} is not in the extracted facts")
    return key


def _link(entry: dict[str, Any], where: str, document: Document, facts: FactSet,
          curated: FactSet, session: str | None) -> None:
    _require(entry, where, "target", "objective", "quote", "rationale")
    try:
        number = int(entry["objective"])
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 23:
        raise CurationError(f"{where}:{entry['__line__']}",
                            f"unknown GCM objective {entry['objective']!r}; "
                            "objectives are numbered 1 to 23")
    target = _resolve(str(entry["target"]), entry, where, facts, session)
    near = facts.entities[target].evidence if target in facts.entities else []
    evidence = _evidence(entry, where, document, near)
    key = keys.objective_link(session or "", number, target, curated=True)
    curated.add(Entity(key, "ObjectiveLink", attrs={
        "target": target, "objective": f"gcm:objective-{number}", "basis": CURATED,
        "rationale": str(entry["rationale"]).strip()}, evidence=[evidence], basis=CURATED))
    curated.relate(target, "relatedObjective", f"gcm:objective-{number}", CURATED)


def _contribution(entry: dict[str, Any], where: str, document: Document, facts: FactSet,
                  curated: FactSet, session: str | None) -> None:
    _require(entry, where, "person", "panel", "quote", "rationale")
    person = keys.person(slug(str(entry["person"])))
    at = f"{where}:{entry['__line__']}"
    if person not in facts.entities:
        raise CurationError(at, f"no person {entry['person']!r} in the extracted facts")
    panel = _resolve(f"panel {entry['panel']}", entry, where, facts, session)
    kind = str(entry.get("kind", "panellist"))
    if kind not in {name for name, _ in KINDS}:
        raise CurationError(at, f"unknown contribution kind {kind!r}")
    existing = [e for e in facts.of_kind("Contribution")
                if e.attrs["agent"] == person and e.attrs["kind"] == kind]
    if not existing:
        raise CurationError(at, f"no {kind} contribution of {entry['person']!r} in the "
                                "extracted facts to place at a panel")
    contribution = next((e for e in existing if e.attrs["event"] == session), existing[0])
    evidence = _evidence(entry, where, document, facts.entities[person].evidence)
    # The existing contribution is annotated, not duplicated: the curated facts say at which
    # panel it was made (idm:curatedEvent, a sub-property of idm:atEvent), with the rationale
    # and the evidence; the extracted facts keep what the text states.
    curated.add(Entity(contribution.key, "Contribution", attrs={
        "agent": person, "event": contribution.attrs["event"], "kind": kind,
        "curatedEvent": panel, "rationale": str(entry["rationale"]).strip()},
        evidence=[evidence], basis=CURATED))
    curated.relate(panel, "performer", person, CURATED)
