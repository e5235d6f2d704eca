"""Speaker labels: the label opening a paragraph of a transcript ("DOWNER: …", "Mr Downer:
…"), known to the extraction context and to the name finders alike.
"""

from __future__ import annotations

import re

from idm_graph.extract.gazetteer import countries, organisations
from idm_graph.extract.lexicon import HONORIFIC, ROLE_HEAD

__all__ = ["turn_label"]

_UP = "A-ZÀ-ÖØ-Þ"  # capitals, as names.UPPER
_TURN = re.compile(rf"^(?:({HONORIFIC})\s+)?([{_UP}][\w'’-]+(?:\s+[{_UP}][\w'’-]+){{0,2}})"
                   rf"\s*:\s")
_TURN_STOP = frozenset(
    "NOTE NOTES ANNEX ANNEXE CONTENTS SOMMAIRE AGENDA ORDRE SOURCE SOURCES PHOTO CREDIT QUESTION "
    "QUESTIONS ANSWER REPONSE RÉPONSE SUMMARY RESUME RÉSUMÉ TITLE TITRE DATE LIEU VENUE THEME "
    "THÈME OBJECTIVE OBJECTIF RECOMMENDATION RECOMMANDATION MEDIA MÉDIAS CONTACT CONTACTS "
    "PRESS PRESSE EDITOR ÉDITEUR UPDATE TRANSCRIPT TRANSCRIPTION SUBJECT SUJET TOPICS TOPIC "
    "LOCATION TIME HEURE WHERE WHEN WHAT WHO WHY HOW JOURNALIST JOURNALISTE REPORTER "
    "MODERATOR MODÉRATEUR MODÉRATRICE CHAIR SPEAKER SPEAKERS PARTICIPANTS ATTENDEES "
    "BACKGROUND CONTEXTE CONTEXT KEY NEXT OUTCOMES RESULTS RÉSULTATS NB PS EMBARGO ENDS LINK "
    "LINKS READ WATCH SEE ALSO TAGS CATEGORIES SHARE IMAGE CAPTION LÉGENDE FIGURE TABLE "
    "UPDATED PUBLISHED PUBLIÉ AUTHOR AUTEUR BY PAR EMAIL TEL TÉL PHONE FAX WEB WEBSITE SITE "
    "MOTS CLÉS KEYWORDS ABSTRACT INTRODUCTION CONCLUSION CONCLUSIONS EDITOR'S NOTE "
    "PARTICIPANT INTERVIEWER INTERVIEWEE OFFICIAL SPOKESPERSON VOICE AUDIENCE UNIDENTIFIED "
    "ENQUIRIES INQUIRIES".split())


def turn_label(text: str) -> tuple[str | None, str, int, int] | None:
    """The speaker label opening a paragraph, in any case: (honorific, label, start, end),
    or None ("DOWNER: …", "Downer: …", "Mr Downer: …", "Mr. SMITH: …").

    >>> turn_label("Mr Downer: We agreed.")
    ('Mr', 'Downer', 3, 9)
    >>> turn_label("Note: the figures are provisional.") is None
    True
    """
    match = _TURN.match(text)
    if match is None:
        return None
    label = match.group(2)
    words = label.split()
    if any(w.upper().strip("'’") in _TURN_STOP for w in words) or any(
            re.fullmatch(ROLE_HEAD, w, re.IGNORECASE) for w in words):
        return None
    if countries().find(label.title()) or organisations().find(label):
        return None
    return match.group(1), label, match.start(2), match.end(2)
