"""Every key of the fact model, built and parsed in one place.

A key names a resource of the graph (its IRI is the base plus the key). Resources met in
several documents have global keys (``person/…``, ``org/…``, ``country/…``,
``delegation/…``); everything a summary describes lives under its session
(``idm/2021/2/…``). Extractors, curation, the encoder and the merge audit build keys with
these functions and read them with :func:`parse`, so they cannot drift apart.

>>> panel("idm/2021/2", 3)
'idm/2021/2/panel/3'
>>> point(conclusion("idm/2021/2", 1), 4)
'idm/2021/2/conclusion/1/point/4'
>>> contribution("idm/2021/2", person("amy-pope"), "moderation")
'idm/2021/2/contribution/amy-pope/moderation'
>>> parse("idm/2021/2/contribution/amy-pope/moderation")
Key(kind='contribution', session='idm/2021/2', parts=('amy-pope', 'moderation'))
>>> parse("person/amy-pope")
Key(kind='person', session='', parts=('amy-pope',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["GLOBAL", "Key", "annotation", "build", "closing", "conclusion", "contribution",
           "country", "curation", "delegation", "event", "is_global", "label_key", "membership",
           "next_session", "objective_link", "opening", "organisation", "panel", "parse",
           "person", "point", "recommendation", "role", "session", "source", "tail",
           "theme_tag", "venue"]

#: Kinds whose keys are not under a session: one resource for every document that names it
#: (``event``: an event outside the series, such as a Review Forum).
GLOBAL = ("person", "org", "country", "delegation", "event")
#: Kinds of keys under a session, as their first path segment after it.
_SESSION_KINDS = ("panel", "conclusion", "recommendation", "contribution", "membership",
                  "objective-link", "opening", "closing", "venue", "next-session")
#: A session's key: a series and its year and number (``idm/2021/2``), or a series and the
#: slug of a document outside a numbered series (``idm/notes``).
_SESSION = re.compile(r"^(?P<session>[^/]+/(?:\d+(?:/\d+)?|[^/]+))(?:/(?P<rest>.*))?$")


@dataclass(frozen=True, slots=True)
class Key:
    """A key's kind (``person``, ``panel``, ``point``, ``theme-tag``, ``session``…), the
    session it belongs to (empty for a global key) and the parts after its kind.
    """

    kind: str
    session: str
    parts: tuple[str, ...]

    def __str__(self) -> str:
        """The key again: ``str(parse(key)) == key``."""
        if self.kind in (*GLOBAL, "source"):
            return f"{self.kind}/{self.parts[0]}"
        if self.kind == "session":
            return self.session
        if self.kind == "point":
            return point(conclusion(self.session, self.parts[0]), self.parts[1])
        if self.kind == "theme-tag":
            entity = f"{self.session}/{self.parts[0]}" if self.parts[0] else self.session
            return f"{entity}/theme/{self.parts[1]}"
        return "/".join((self.session, self.kind, *self.parts))


def tail(key: str) -> str:
    """What follows the kind of a global key: ``person/amy-pope`` → ``amy-pope``."""
    return key.split("/", 1)[1]


def is_global(key: str) -> bool:
    """Whether ``key`` names a resource shared by documents (a person, an organisation…)."""
    return key.split("/", 1)[0] in GLOBAL


def label_key(label: str) -> str:
    """The ``idm:labelKey`` of a label: lower case, as SPARQL's ``LCASE`` makes it, so that a
    node named in any case is found by one lookup of its key (the ``evidence`` query).

    >>> label_key("Amy POPE")
    'amy pope'
    """
    return str(label).lower()


def person(slug: str) -> str:
    """The key of a person, from the slug of their name."""
    return f"person/{slug}"


def organisation(slug: str) -> str:
    """The key of an organisation, from its gazetteer key or the slug of its name."""
    return f"org/{slug}"


def country(iso3: str) -> str:
    """The key of a country, from its ISO 3166-1 alpha-3 code."""
    return f"country/{iso3}"


def delegation(iso3: str) -> str:
    """The key of a country's delegation."""
    return f"delegation/{iso3}"


def event(slug: str) -> str:
    """The key of an event outside the series (``imrf-2022``)."""
    return f"event/{slug}"


def source(document: str) -> str:
    """The key of a document as a source (``source/<document key>``)."""
    return f"source/{document}"


def session(series: str, *parts: int | str) -> str:
    """The key of a session: a series and its year and number, or a series and the slug of
    a document outside a numbered series.

    >>> session("idm", 2021, 2), session("idm", "notes")
    ('idm/2021/2', 'idm/notes')
    """
    return "/".join((series, *(str(part) for part in parts)))


def curation(document: str) -> str:
    """The key of a document's curation (its file and its named graph)."""
    return f"curation/{document}"


def role(name: str) -> str:
    """The key of a role held in an organisation (``org:Role``), from the role's slug."""
    return f"role/{name}"


def annotation(document: str, start: int, end: int, digest: str) -> str:
    """The key of the evidence of a fact: its document, offsets and the digest of the fact's
    key (``evidence/<document>/<start>-<end>-<digest>``).
    """
    return f"evidence/{document}/{start}-{end}-{digest}"


def build(digest: str) -> str:
    """The key of a build activity (the digest of its inputs)."""
    return f"build/{digest}"


def opening(session: str) -> str:
    """The key of a session's opening segment."""
    return f"{session}/opening"


def closing(session: str) -> str:
    """The key of a session's closing segment."""
    return f"{session}/closing"


def venue(session: str) -> str:
    """The key of a session's venue."""
    return f"{session}/venue"


def next_session(session: str) -> str:
    """The key of the session a summary announces as the next one."""
    return f"{session}/next-session"


def panel(session: str, number: int | str) -> str:
    """The key of a session's panel."""
    return f"{session}/panel/{number}"


def conclusion(session: str, number: int | str) -> str:
    """The key of a numbered conclusion of a session's summary."""
    return f"{session}/conclusion/{number}"


def point(conclusion_key: str, number: int | str) -> str:
    """The key of a point of a conclusion."""
    return f"{conclusion_key}/point/{number}"


def recommendation(session: str, number: int | str) -> str:
    """The key of a recommendation (its number, or the id of its sentence)."""
    return f"{session}/recommendation/{number}"


def contribution(session: str, agent: str, kind: str, suffix: str = "") -> str:
    """The key of an agent's contribution of a kind (``suffix``: where one agent made several
    of that kind, e.g. ``-panel-3``); a delegation is named by its lower-case ISO code.

    >>> contribution("idm/2021/2", delegation("QAT"), "delegation-statement")
    'idm/2021/2/contribution/qat/delegation-statement'
    """
    who = tail(agent).lower() if agent.startswith("delegation/") else tail(agent)
    return f"{session}/contribution/{who}/{kind}{suffix}"


def membership(session: str, person_key: str, organisation_key: str) -> str:
    """The key of a person's membership of an organisation, as a session's summary states it."""
    return f"{session}/membership/{tail(person_key)}/{tail(organisation_key)}"


def objective_link(session: str, number: int, target: str, *, curated: bool = False) -> str:
    """The key of a link from ``target`` (a key) to GCM objective ``number``."""
    rest = target.split(":", 1)[-1]
    if session:
        rest = rest.replace(session + "/", "")
    return f"{session or 'idm'}/objective-link/{number}/{rest.replace('/', '-')}" + (
        "/curated" if curated else "")


def theme_tag(entity: str, theme: str) -> str:
    """The key of the tag of ``entity`` (a key) with a theme (``theme:…``)."""
    return f"{entity}/theme/{theme.split(':', 1)[1]}"


def parse(key: str) -> Key:
    """The kind, session and parts of a key this module builds.

    >>> parse("idm/2021/2/conclusion/1/point/4")
    Key(kind='point', session='idm/2021/2', parts=('1', '4'))
    >>> parse("idm/2021/2/panel/3/theme/diaspora")
    Key(kind='theme-tag', session='idm/2021/2', parts=('panel/3', 'diaspora'))
    >>> parse("idm/2021/2")
    Key(kind='session', session='idm/2021/2', parts=())
    >>> parse("idm/notes/conclusion/1/point/2")
    Key(kind='point', session='idm/notes', parts=('1', '2'))
    """
    head, _, rest = key.partition("/")
    if head in (*GLOBAL, "source"):
        return Key(head, "", (rest,))
    if "/theme/" in key:
        entity, _, theme = key.rpartition("/theme/")
        inner = parse(entity)
        return Key("theme-tag", inner.session, (entity[len(inner.session) + 1 :], theme))
    match = _SESSION.match(key)
    if match is None:
        raise ValueError(f"not a key of the fact model: {key!r}")
    session, rest = match.group("session"), match.group("rest") or ""
    if not rest:
        return Key("session", session, ())
    kind, _, more = rest.partition("/")
    if kind == "conclusion" and "/point/" in more:
        number, _, at = more.partition("/point/")
        return Key("point", session, (number, at))
    if kind not in _SESSION_KINDS:
        raise ValueError(f"not a key of the fact model: {key!r}")
    return Key(kind, session, tuple(more.split("/")) if more else ())
