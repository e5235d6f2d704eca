"""Any text builds, or fails in one line and writes nothing (issue 24, item 10).

Documents are generated (Hypothesis) from the building blocks of real meeting reports in both
languages: headings, honorifics, names, roles, organisations, countries, panels and days,
objective lists, quotations, bullets, tables, links, front matter and odd Unicode; the file
name is generated too (it becomes the document's key). Each is built whole — extraction,
encoding, SHACL, the files — and must either conform or be refused as bad input in one line,
with no output (a SHACL violation is a failure of this test: the builder made it).
Every name and body below is invented.

``make test`` runs a fixed number of examples (derandomised: the same ones every run);
``benchmarks/properties.py`` runs many more. A failing example Hypothesis finds is kept below
as an ``@example``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from idm_graph import build
from idm_graph.core.errors import InputError

BLOCKS = [
    # headings and structure
    "# Notes\n\n", "## Panel 2: Data for diaspora engagement\n\n", "### **3. Conclusions**\n\n",
    "# Dialogue international sur la migration 2024\n\n", "Session 1\n\n",
    "**Recommandations**\n\n",
    "## Clôture\n\n", "Day 2 – 16 May 2024\n\n", "Jour 1 : 14 octobre\n\n",
    # persons, honorifics, roles, organisations
    "Ms. Jane Roe, Director of Data at Acme Ltd, spoke on the second day. ",
    "Senator the Hon Liam Brook, Minister for Home Affairs, said ", "Hon Mara Quill MP ",
    "Dr Ayesha Lind of the Harbour Data Institute (HDI) ", "Mme Odile Farge, présidente : ",
    "Le premier ministre islandais Gunnar Thor a salué « un accord ». ",
    "« Il faut agir », explique Fabienne Roux, cofondatrice de SOS Horizon. ",
    "S.E. M. Karim Bensaid, Ambassadeur du Maroc, a souligné que ",
    "QUILL: We agreed. ", "Journalist: Why? ", "the International Organization for Migration ",
    "l'Organisation internationale pour les migrations (OIM) ", "UNHCR ", "the IOM ",
    # countries and delegations
    "The delegations of Chile and Ghana called for ", "la délégation sénégalaise ",
    "Representatives from Belize, Norway and Peru joined. ", "Les pays participants : le Mali. ",
    "les États-Unis du Mexique ", "Türkiye ", "the United States ",
    # objectives and themes
    "in line with Objectives 1, 17, and 20 of the Global Compact ",
    "les objectifs 19 et 20 du Pacte mondial ", "objectives 8 to 11 ", "the 23 objectives ",
    "remittances and financial inclusion ", "la traite des personnes ", "people smuggling ",
    # lists, tables, links, quotations
    "\n- Strengthen border cooperation\n", "\n* Oskar Fell (Nordic Return Network)\n",
    "\n1. Hana Tor, Chief Economist, Tidewater Bank\n", "\n| name | role |\n|---|---|\n| A | B |\n",
    "[the archive](https://example.org/videos/jane-roe) ", "https://example.org/a?b=c ",
    "“No child should be held at a border,” said Pablo Entre. ", "« ", " »", "\"",
    # front matter, odd Unicode, whitespace
    "---\ntitle: 'Readout'\ndate: '2024-05-17'\n---\n", "\u200b", "\u200f", "\u2028",
    "e\u0301", "🙂", "\u00a0", "\t", "\n\n\n", "’", "--\n", "<sup>i</sup>",
]
NAMES = st.sampled_from(["notes", "Notes", "idm-2021-s2", "x y", "résumé", "a.b", "2024",
                         "idm-2024-s1.en", "readout_17-05", "ümlaut", "r"])
DOCUMENTS = st.lists(st.one_of(st.sampled_from(BLOCKS),
                               st.text(alphabet=st.characters(blacklist_categories=("Cs",)),
                                       max_size=10)),
                     min_size=1, max_size=25).map("".join)
EXAMPLES = int(os.environ.get("IDM_GRAPH_PROPERTY_EXAMPLES", "25"))
#: ``make test`` draws the same examples every run; a larger run draws new ones.
FIXED = "IDM_GRAPH_PROPERTY_EXAMPLES" not in os.environ


@settings(max_examples=EXAMPLES, deadline=None, derandomize=FIXED, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(DOCUMENTS, NAMES, st.sampled_from([".md", ".txt"]))
@example("# Notes\n\nMs. Jane Roe, Director of Data at Acme Ltd, spoke on the second day.\n",
         "notes", ".md")  # crashed in keys.parse: a session key outside a numbered series
def test_any_text_builds_or_fails_in_one_line(text: str, name: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{name}{suffix}"
        source.write_text(text, encoding="utf-8")
        out = Path(folder) / "out"
        try:
            result = build([source], out=out, views=False, curation=False)
        except InputError as exc:  # bad input (an empty text, say): one line, nothing written
            message = str(exc)
            assert message.strip(), "an empty message"
            assert "\n" not in message.strip(), message
            assert not out.exists(), "a failed build left output"
            return
        assert result.report.conforms, result.report.text[:500]
        assert (out / "idm.ttl").is_file()
        assert (out / "idm.trig").is_file()
