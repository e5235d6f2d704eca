"""Who said what, on which theme, in reports that are not IDM summaries (issues 22 and 23).

``tests/fixtures/reports.{en,fr}.md`` are texts we wrote (MIT, like the project) in the shape
of a government readout with a press-conference transcript and a news report of a summit; every
person, body and place name in them is invented. The expected values below are our own reading
of them, never the development set's answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, as_source
from idm_graph import build
from idm_graph.querying.sparql import query

PIECE = "https://w3id.org/idm-graph/kind/piece-"


@pytest.fixture(scope="module")
def english() -> Any:
    return build([FIXTURES / "reports.en.md"], curation=False, views=False).dataset


@pytest.fixture(scope="module")
def french() -> Any:
    return build([FIXTURES / "reports.fr.md"], curation=False, views=False).dataset


def rows(data: Any, name: str, **params: str) -> list[dict[str, Any]]:
    return [{k: (str(v) if v is not None else "") for k, v in row.items()}
            for row in query(as_source(data), name, params).as_dicts()]


def themes(data: Any) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in rows(data, "themes-by-speaker", lang="en"):
        out.setdefault(row["speaker"], set()).add(row["theme"])
    return out


def test_persons_of_a_readout(english: Any) -> None:
    found = {r["name"]: r for r in rows(english, "persons")}
    assert set(found) == {
        "Mara Quillfeather", "Tobias Wren-Halloway",  # a coordinated pair, each with a role
        "Ines Korrvald",  # "chaired by Ambassador X"
        "Pablo Entrena",  # the inverted incise after a quotation
        "Liam Ostrander", "Ayesha Lindqvist-Baro",  # "Senator the Hon", "met with Dr"
        "Hana Mbeki-Tor", "Oskar Felldin",  # entries of a list of speakers
    }
    assert found["Mara Quillfeather"]["role"] == "National Security Adviser"
    assert found["Tobias Wren-Halloway"]["role"] == "Homeland Security Adviser"
    assert found["Liam Ostrander"]["honorific"] == "Senator the Hon"
    assert found["Liam Ostrander"]["role"] == "Minister for Home Affairs"  # stops at "met"
    assert found["Pablo Entrena"]["organisation"] == "Harbour Refugee Council"
    assert found["Ayesha Lindqvist-Baro"]["organisation"] == "Migration Data Institute"
    assert found["Oskar Felldin"]["organisation"] == "Nordic Return Network"
    assert found["Hana Mbeki-Tor"]["organisation"] == "Tidewater Bank"


def test_no_person_in_an_eponym_a_link_or_a_bullet_verb(english: Any, french: Any) -> None:
    names = {r["name"] for data in (english, french)
             for q in ("persons", "mentioned-persons") for r in rows(data, q)}
    for wrong in ("Truman", "Truman Plan", "Strengthen Border Cooperation",
                  "Delacourt", "Julien Morel", "Karim Morel", "Media Contacts"):
        assert not any(wrong in name for name in names), wrong


def test_organisations_stop_where_their_name_does(english: Any) -> None:
    found = {r["name"]: r for r in rows(english, "organisations")}
    assert set(found) == {"Harbour Refugee Council", "Migration Data Institute",
                          "Nordic Return Network", "Tidewater Bank"}
    assert found["Migration Data Institute"]["acronym"] == "MDI"


def test_every_accepted_person_records_its_evidence(english: Any) -> None:
    answer = query(as_source(english),
                 """
        SELECT ?name ?piece WHERE { ?p a schema:Person ; schema:name ?name ; idm:decidedBy ?piece }
    """).as_dicts()
    pieces: dict[str, set[str]] = {}
    for row in answer:
        pieces.setdefault(str(row["name"]), set()).add(str(row["piece"])[len(PIECE):])
    assert {"speech-verb", "role-after"} <= pieces["Pablo Entrena"]
    assert "honorific" in pieces["Ayesha Lindqvist-Baro"]
    assert "list-entry" in pieces["Oskar Felldin"]


def test_statements_carry_themes_to_their_speakers(english: Any) -> None:
    found = themes(english)
    assert "smuggling of migrants" in found["Mara Quillfeather"]  # "opened … and stressed"
    assert {"regular pathways", "labour migration and recruitment"} <= \
        found["Tobias Wren-Halloway"]  # "Mr. Wren-Halloway added that …"
    assert "missing and dead migrants, search and rescue" in \
        found["Tobias Wren-Halloway"]  # "He also announced …": the pronoun goes on
    assert "immigration detention and alternatives" in found["Ines Korrvald"]
    assert "children and youth" in found["Pablo Entrena"]  # the quotation before "said X"
    # speaker turns of a transcript, a label in any case
    assert {"trafficking in persons", "return, readmission and reintegration"} <= \
        found["Liam Ostrander"]
    assert "climate change, disasters and environmental migration" in found["Ines Korrvald"]
    # a journalist's question is no statement of the minister
    assert "statelessness" not in found["Liam Ostrander"]


def test_states_taking_part_and_their_collective_statement(english: Any) -> None:
    roles: dict[str, set[str]] = {}
    for row in rows(english, "countries"):
        roles.setdefault(row["iso3"], set()).add(row["role"])
    said = themes(english)
    for iso3, name in (("BLZ", "Belize"), ("CHL", "Chile"), ("GHA", "Ghana"),
                       ("NOR", "Norway")):  # "Representatives from A, B, C and D joined"
        assert "participation" in roles[iso3]
        # "The ministers agreed to improve remittance channels …" is theirs
        assert "remittances" in said[f"Delegation: {name}"]


def test_front_matter_is_metadata_and_the_title_is_the_heading(english: Any) -> None:
    titles = query(as_source(english),
                 """
        SELECT ?t WHERE { ?s a schema:Event ; schema:name ?t . FILTER NOT EXISTS
                          { ?s schema:superEvent ?parent } }
    """).as_dicts()
    assert [str(r["t"]) for r in titles] == ["Readout of the Coastal Route Ministerial Meeting"]
    quotes = query(as_source(english), "SELECT ?q WHERE { ?e oa:exact ?q }").as_dicts()
    assert quotes
    assert not any("published_time" in str(r["q"]) or "2023-05-17T18" in str(r["q"])
                              for r in quotes)


def test_cited_objectives_of_a_readout(english: Any) -> None:
    cited = {int(r["objective"]) for r in rows(english, "objective-links")
             if r["basis"] == "explicit"}
    # "Objectives 1, 17, and 20 of the Global Compact, and objectives 8 to 11"
    assert {1, 8, 9, 10, 11, 17, 20} <= cited


def test_news_report_in_french(french: Any) -> None:
    found = {r["name"]: r for r in rows(french, "persons")}
    assert set(found) == {"Gunnar Thorvaldsen", "Matthias Berglehner", "Fabienne Lacroix-Vidal",
                          "Étienne Maréchal"}
    assert found["Gunnar Thorvaldsen"]["role"] == "premier ministre islandais"
    assert found["Gunnar Thorvaldsen"]["country"] == "ISL"
    assert found["Matthias Berglehner"]["role"] == "chancelier"  # « par la voix du chancelier »
    assert found["Étienne Maréchal"]["role"] == "démographe"  # « selon le démographe X »
    assert found["Fabienne Lacroix-Vidal"]["organisation"] == "SOS Horizon Méditerranée"
    said = themes(french)
    assert {"regular pathways", "border management and pushbacks",
            "missing and dead migrants, search and rescue"} <= said["Fabienne Lacroix-Vidal"]
    assert "integration and social cohesion" in said["Étienne Maréchal"]
    roles: dict[str, set[str]] = {}
    for row in rows(french, "countries"):
        roles.setdefault(row["iso3"], set()).add(row["role"])
    # « la République argentine » and « les États-Unis du Mexique » by their official names
    assert "delegation-statement" in roles["ARG"]
    assert "delegation-statement" in roles["MEX"]
    assert "delegation-statement" in roles["AUT"]  # « …, l'Autriche a défendu … »
    for iso3 in ("SEN", "MAR", "TUN"):  # « Les pays participants : … »
        assert "participation" in roles[iso3]


def test_a_delegation_and_what_it_did_go_to_its_members() -> None:
    data = build([FIXTURES / "delegation.en.md"], curation=False, views=False).dataset
    said = themes(data)
    found = {r["name"]: r for r in rows(data, "persons")}
    assert set(found) == {"Maren Holloway", "Tomas Vidal", "Ruth Okafor-Lind", "Ivo Marsh"}
    assert found["Tomas Vidal"]["role"] == "Deputy Minister for Trade and Fisheries"
    assert found["Ivo Marsh"]["role"] == "Ambassador to Chile"
    assert found["Ivo Marsh"]["country"] == ""  # posted to Chile, not Chile's
    for name in ("Maren Holloway", "Tomas Vidal", "Ruth Okafor-Lind", "Ivo Marsh"):
        assert {"immigration detention and alternatives",
                "return, readmission and reintegration",
                "missing and dead migrants, search and rescue"} <= said[name], name
    # "The Selenian delegation said …" is another delegation's: nothing of theirs is it
    kinds = {r["speaker"]: r["contribution"] for r in rows(data, "themes-by-speaker",
                                                             lang="en")}
    assert kinds["Tomas Vidal"] == "meeting"


def test_taking_part_and_what_the_meeting_discussed() -> None:
    """Participation said before the names ("represented … by X", "Joining … were A, former
    Chair, and B"), after them across "Ms." and "Dr." ("A, …, and Ms. B, …, represented"),
    coordinated partners of a meeting ("met with A, Deputy Governor …, and B"); and the
    meeting as subject ("The meeting reflected on …", "Discussions focused on …") is what
    the persons who took part in it discussed. A space lost after a full stop
    ("Labour.The meeting") still ends the sentence.
    """
    data = build([FIXTURES / "meeting.en.md"], curation=False, views=False).dataset
    said = themes(data)
    kinds = {r["speaker"]: r["contribution"] for r in rows(data, "themes-by-speaker",
                                                             lang="en")}
    forum = ("Halvard Quenneby", "Odile Farrant-Voss", "Priya Castellane", "Teodor Mirrlees",
             "Jonas Ekwueme-Hart")
    for name in forum:
        assert kinds[name] == "participation", name
        assert {"remittances", "labour migration and recruitment"} <= said[name], name
        assert "financial inclusion" not in said[name]  # the later meeting is not theirs
    for name in ("Celia Ardenne", "Rafael Oyelaran-Stoat", "Wilma Tshabalala"):
        assert kinds[name] == "meeting", name
        assert {"financial inclusion", "diaspora"} <= said[name], name
        assert "remittances" not in said[name]
    assert "Global Compact implementation and review" in said["Celia Ardenne"]  # a name
    attended = query(as_source(data),
                 """SELECT ?kind WHERE { ?c schema:agent/rdfs:label "Anselm Gautreaux"
        ; idm:contributionKind/skos:notation ?kind }""").as_dicts()
    assert [str(r["kind"]) for r in attended] == ["participation"]  # « also attended »
    assert not said.get("Anselm Gautreaux")  # nothing said of what he discussed
    organisations = [r["name"] for r in rows(data, "organisations", lang="en")]
    assert sum("Refugees" in name for name in organisations) == 1  # « Nations unies » too


def test_organisations_listed_with_others_or_agents_of_what_was_done() -> None:
    """A model's ORG span with no head noun is an organisation when it is the agent of what
    was done ("services delivered by AMES Australia") or listed with an organisation already
    found ("… and the Refugee Council of Australia"); an article is stripped only as a word
    (AMES keeps its A); the French spelling « Nations unies » is the gazetteer's HCR, once.
    """
    data = build([FIXTURES / "release.en.md"], curation=False, views=False).dataset
    decided = query(as_source(data),
                 """SELECT ?piece WHERE { ?o schema:name "AMES Australia"@en ;
        idm:decidedBy/skos:notation ?piece }""").as_dicts()
    assert {str(r["piece"]) for r in decided} == {"model", "agent", "coordinated"}
    french = build([FIXTURES / "news.fr.md"], curation=False, views=False).dataset
    names = [r["name"] for r in rows(french, "organisations", lang="fr")]
    assert [n for n in names if "réfugiés" in n] == [
        "Haut-Commissariat des Nations Unies pour les réfugiés"]
    assert {"SOS Méditerranée", "Médecins sans frontières", "La Cimade", "Amnesty International",
            "Human Rights Watch"} <= set(names)
    # « Pour X, chercheur à Y, « … » »: the role ends where the quotation opens, and the
    # quotation's theme is his
    role = {r["name"]: r["role"] for r in rows(french, "persons")}["Matteo Villa"]
    assert role == "chercheur à l'Institut pour les études de politique internationale (ISPI)"
    assert "missing and dead migrants, search and rescue" in themes(french)["Matteo Villa"]


def test_a_council_communique_in_french() -> None:
    """A markdown block quote's marks are markup, not text; a form of address set off by
    commas stands between a role and its name (« Le Chef de l'Etat, Son Excellence,
    Monsieur X »), and the short role alone refers back to the name later; an inverted
    speech verb reaches the name across « à son tour » and an honorific (« », s'est
    félicité à son tour M. X », « », déplore Mme Y »).
    """
    data = build([FIXTURES / "council.fr.md"], curation=False, views=False).dataset
    found = {r["name"]: r for r in rows(data, "persons")}
    assert set(found) == {"Oumarou Keïta-Dembélé", "Idrissa Konaté-Laye",
                          "Salimata Ouédraogo-Sy"}
    assert found["Oumarou Keïta-Dembélé"]["role"] == "Chef de l’Etat"
    said = themes(data)
    assert {"irregular migration", "trafficking in persons"} <= said["Oumarou Keïta-Dembélé"]
    assert "return, readmission and reintegration" in said["Salimata Ouédraogo-Sy"]
    spoke = query(as_source(data),
                 """SELECT ?kind WHERE { ?c schema:agent/rdfs:label
        "Idrissa Konaté-Laye" ; idm:contributionKind/skos:notation ?kind }""").as_dicts()
    assert [str(r["kind"]) for r in spoke] == ["statement"]
    quotes = query(as_source(data), "SELECT ?q WHERE { ?s oa:exact ?q }").as_dicts()
    assert quotes
    assert not any(str(r["q"]).lstrip().startswith(">") for r in quotes)


def test_the_un_refugee_agency_is_unhcr(tmp_path: Path) -> None:
    """"UN Refugee Agency" and « l'Agence des Nations unies pour les réfugiés » are UNHCR's own
    names: the same organisation, never a second one, never the United Nations."""
    text = tmp_path / "agency.en.md"
    text.write_text("# A briefing\n\nThe UN Refugee Agency and UNHCR's partners met in Geneva. "
                    "L'Agence des Nations unies pour les réfugiés a salué la réunion.\n",
                    encoding="utf-8")
    data = build([text], curation=False, views=False).dataset
    found = query(as_source(data),
                  "SELECT DISTINCT ?o WHERE { ?o a schema:Organization }").as_dicts()
    assert [str(r["o"]) for r in found] == ["https://w3id.org/idm-graph/id/org/unhcr"]


def test_a_paragraph_goes_on_with_the_speaker_of_the_one_before() -> None:
    """A paragraph that opens with a pronoun ("She said …") goes on with the person the
    paragraph before ended on, and the bare role ("The Minister also called for …") refers
    back to the only person who holds it; the sentences carry their themes to her."""
    data = build([FIXTURES / "minister.en.md"], curation=False, views=False).dataset
    said = themes(data)
    assert {"labour migration and recruitment", "remittances", "data and evidence"} <= said[
        "Hana Liddell"]
    assert "remittances" not in said.get("Osei Brandt", set())


@pytest.mark.parametrize(("name", "speaker", "theme"), [
    ("incise.fr.md", "Giulio Ravetti", "asylum and refugee protection"),  # « a-t-il ajouté »
    ("incise.en.md", "Helen Starck", "smuggling of migrants"),  # '"…," she added'
])
def test_a_pronoun_incise_after_a_quotation_goes_on_with_the_speaker(
        name: str, speaker: str, theme: str) -> None:
    """« "…", a-t-il déclaré », '"…," she said': the quotation is the last person's words,
    however long it is, and its themes are theirs."""
    data = build([FIXTURES / name], curation=False, views=False).dataset
    assert theme in themes(data)[speaker]


def test_a_lower_case_role_and_the_bare_role_in_a_french_news_report() -> None:
    """« Le ministre de l'intérieur X » (a role in lower case, its complement too) is X's role,
    and « le ministre a affirmé … », in a later paragraph, is X's statement."""
    data = build([FIXTURES / "ministre.fr.md"], curation=False, views=False).dataset
    found = {r["name"]: r for r in rows(data, "persons")}
    assert found["Paul Arnaud-Vidal"]["role"] == "ministre de l'intérieur"
    said = query(as_source(data),
                 """SELECT ?q WHERE { ?c schema:agent/rdfs:label "Paul Arnaud-Vidal" .
        ?a oa:hasBody ?c ; oa:hasTarget/oa:hasSelector/oa:exact ?q }""").as_dicts()
    assert any(str(r["q"]).startswith("Lors d'une conférence de presse, le ministre")
               for r in said)


def test_a_body_stops_before_a_verb_and_a_known_name_after_its_article(tmp_path: Path) -> None:
    """« la Banque mondiale financera … »: the name stops before the verb the model reads (or
    its finite ending says). A well-known name that begins with an article is found after the
    article in lower case: « la Cimade », "the Associated Press"."""
    text = tmp_path / "finance.fr.md"
    text.write_text("# Un financement\n\nSelon le communiqué, la Banque régionale de "
                    "solidarité financera un programme pour les rapatriés, et la Cimade "
                    "accompagnera les familles.\n", encoding="utf-8")
    names = {r["name"] for r in rows(build([text], curation=False, views=False).dataset,
                                     "organisations")}
    assert "Banque régionale de solidarité" in names
    assert not any("financera" in name for name in names)
    assert "La Cimade" in names
    wire = tmp_path / "wire.en.md"
    wire.write_text("# Talks\n\nReuters and the Associated Press reported the talks on "
                    "remittances.\n", encoding="utf-8")
    names = {r["name"] for r in rows(build([wire], curation=False, views=False).dataset,
                                     "organisations")}
    assert names == {"Reuters", "Associated Press"}


def test_a_portfolio_in_a_title_is_not_an_organisation(tmp_path: Path) -> None:
    """"Secretary of Homeland Security", "Minister of Foreign Affairs": the title's complement
    is a portfolio, not an organisation's name; "Director of the Office of Return Policy"
    does name one (its head noun)."""
    text = tmp_path / "titles.en.md"
    text.write_text("# Talks\n\nSecretary of Homeland Security Daria Fenwick met Minister of "
                    "Foreign Affairs Tomas Arvelo and Director of the Office of Return Policy "
                    "Ruth Okafor-Lind to discuss labour migration.\n", encoding="utf-8")
    data = build([text], curation=False, views=False).dataset
    found = {r["name"]: r for r in rows(data, "persons")}
    assert found["Daria Fenwick"]["role"] == "Secretary of Homeland Security"
    assert found["Daria Fenwick"]["organisation"] == ""
    assert found["Tomas Arvelo"]["organisation"] == ""
    names = {r["name"] for r in rows(data, "organisations")}
    assert "Homeland Security" not in names
    assert "Foreign Affairs" not in names
    assert "Office of Return Policy" in names


def test_a_lower_case_role_before_a_comma_and_a_form_of_address(tmp_path: Path) -> None:
    """« La ministre de la Solidarité nationale, Mme X, a déclaré … »: French writes roles in
    lower case; one that opens with a role's head is the role, before a comma and a form of
    address as without them."""
    text = tmp_path / "ministre.fr.md"
    text.write_text("# Conseil\n\nLa ministre de la Solidarité nationale, Mme Aïcha Dembélé, a "
                    "déclaré que les transferts de fonds des migrants doivent coûter moins.\n",
                    encoding="utf-8")
    found = {r["name"]: r for r in rows(build([text], curation=False, views=False).dataset,
                                        "persons")}
    assert found["Aïcha Dembélé"]["role"] == "ministre de la Solidarité nationale"
    assert found["Aïcha Dembélé"]["honorific"] == "Mme"


@pytest.mark.parametrize(("lang", "text", "speaker"), [
    ("en", "Prime Minister Marco Bellandi threatened to block any deal on the relocation of "
           "refugees.", "Marco Bellandi"),
    ("fr", "Le Premier ministre Marco Bellandi a menacé de bloquer les conclusions sur la "
           "relocalisation des réfugiés.", "Marco Bellandi"),
    ("fr", "La ministre Aïcha Dembélé exige un meilleur accès des migrants aux services "
           "financiers.", "Aïcha Dembélé"),
])
def test_a_stance_verb_is_a_statement_with_its_theme(tmp_path: Path, lang: str, text: str,
                                                    speaker: str) -> None:
    """Threatening, refusing, demanding (menacer, refuser, exiger…) is taking a stance: the
    sentence is the speaker's statement and carries its theme."""
    source = tmp_path / f"stance.{lang}.md"
    source.write_text(f"# Summit\n\n{text}\n", encoding="utf-8")
    found = themes(build([source], curation=False, views=False).dataset)
    assert found.get(speaker), found


@pytest.mark.parametrize(("lang", "text", "names"), [
    ("en", "The Secretary met civil society leaders, including Rosa Lemus of the Migrant "
           "Support Network.", {"Rosa Lemus"}),
    ("en", "The delegation included Rosa Lemus and Carl Ibarra.", {"Rosa Lemus", "Carl Ibarra"}),
    ("fr", "La ministre a reçu des représentants de la société civile, dont Rosa Lemus et "
           "Carl Ibarra.", {"Rosa Lemus", "Carl Ibarra"}),
])
def test_taking_part_is_evidence_for_a_person(tmp_path: Path, lang: str, text: str,
                                              names: set[str]) -> None:
    """A sentence that says a person took part ("leaders, including X", "the delegation
    included X and Y", « des représentants, dont X ») speaks for the model's name, as a
    meeting verb does."""
    source = tmp_path / f"part.{lang}.md"
    source.write_text(f"# Meeting\n\n{text}\n", encoding="utf-8")
    found = {r["name"] for r in rows(build([source], curation=False, views=False).dataset,
                                     "persons")}
    assert names <= found


def test_a_transcript_titled_in_capitals() -> None:
    """A press-conference transcript whose only full names and roles are in a title in
    capitals, its turns labelled by surname in capitals: the names and roles are read in
    their usual case, the labels go to the full names, and the turns carry their themes."""
    data = build([FIXTURES / "transcript.en.txt"], curation=False, views=False).dataset
    found = {r["name"]: r for r in rows(data, "persons")}
    assert set(found) == {"Karen Dalby", "Arif Wibowo"}
    assert found["Arif Wibowo"]["role"] == "Indonesian Foreign Minister"
    assert found["Arif Wibowo"]["honorific"] == "Dr"
    assert found["Arif Wibowo"]["country"] == "IDN"
    spoke = themes(data)
    assert "trafficking in persons" in spoke["Arif Wibowo"]
    assert "smuggling of migrants" in spoke["Karen Dalby"]
    quotes = {str(r["q"]) for r in query(as_source(data), "SELECT ?q WHERE { ?a oa:hasBody "
                                         "<https://w3id.org/idm-graph/id/person/karen-dalby> ; "
                                         "oa:hasTarget/oa:hasSelector/oa:exact ?q }").as_dicts()}
    assert "KAREN DALBY" in quotes  # the quote is the source's, in capitals
    titles = {str(r["l"]) for r in query(as_source(data), "SELECT ?l WHERE { ?s a "
                                         "idm:DialogueSession ; rdfs:label ?l }").as_dicts()}
    assert len(titles) == 1  # the session's title is the source's words, not recased
    assert titles.pop().startswith("JOINT PRESS CONFERENCE WITH THE MINISTER FOR IMMIGRATION, ")


def test_a_conference_release_its_co_chairs_and_what_the_ministers_agreed() -> None:
    """"The conference was co-chaired by the Foreign Minister of A, Ms X, and …": the role is
    what follows "by", not the clause before it. "Ministers agreed to …" is what the ministers
    who took part agreed: it goes to the co-chairs, who are ministers, with its themes."""
    data = build([FIXTURES / "conference.en.txt"], curation=False, views=False).dataset
    found = {r["name"]: r for r in rows(data, "persons")}
    assert found["Helen Carter"]["role"] == "Foreign Minister of Australia"
    assert found["Budi Santoso"]["role"] == "Foreign Minister of Indonesia"
    spoke = themes(data)
    for chair in ("Helen Carter", "Budi Santoso"):
        assert {"smuggling of migrants", "trafficking in persons"} <= spoke[chair]


def test_an_ngo_digest_its_speakers_from_their_organisations() -> None:
    """"X from the Mixed Migration Centre presented …", "such as X of the ITUC, demanded …":
    the organisation between a name and its verb does not part them, and the person is its
    member (a well-known body as any other); "Speaking on behalf of
    the Committee, X noted …" gives X no role (a body is no role); each speaker carries the
    themes of what they said."""
    data = build([FIXTURES / "digest.en.md"], curation=False, views=False).dataset
    found = {r["name"]: r for r in rows(data, "persons")}
    assert set(found) == {"Maya Lindqvist", "Omar Haddad", "Grace Njoroge", "Luis Ortega",
                          "Ana Silva"}
    assert found["Maya Lindqvist"]["role"] == ""
    assert found["Omar Haddad"]["organisation"] == "Mixed Migration Centre"  # a known body
    assert found["Luis Ortega"]["organisation"] == "International Trade Union Confederation"
    spoke = themes(data)
    assert "data and evidence" in spoke["Omar Haddad"]
    assert "labour migration and recruitment" in spoke["Luis Ortega"]
    assert "border management and pushbacks" in spoke["Maya Lindqvist"]


def test_a_public_debate_its_speakers_and_their_roles() -> None:
    """A debate's list of speakers (« Name, role ») and its summary: each speaker with the role
    the list gives, in lower case too (« ancien préfet »), and the themes of what they said."""
    data = build([FIXTURES / "debat.fr.md"], curation=False, views=False).dataset
    found = {r["name"]: r for r in rows(data, "persons")}
    assert found["Marc Lefèvre"]["role"] == "ancien préfet"
    assert found["Yasmina Benali"]["organisation"] == "La Cimade"
    spoke = {row["speaker"]: row for row in rows(data, "themes-by-speaker")}
    assert set(spoke) >= {"Claire Dubois", "Marc Lefèvre", "Yasmina Benali"}


@pytest.mark.parametrize(("text", "role"), [
    ("Jane Roe, head of the Migration Unit, said it.", "head of the Migration Unit"),
    ("Jane Roe, lead researcher at the Institute, said it.", "lead researcher at the Institute"),
])
def test_a_role_after_a_name_that_begins_like_an_article(text: str, role: str) -> None:
    """"head of …" and "lead researcher" begin with the letters of "he" and "le": they are
    roles, not clauses."""
    from idm_graph.extract.affiliations import role_after

    found = role_after(text, text.index(","))
    assert found is not None
    assert text[found[0] : found[1]] == role


def test_a_fact_sheet_of_state_commitments() -> None:
    """A fact sheet's entries: a State that will do, committed to or announced something is a
    delegation with its statement ("Spain will double …", "Costa Rica committed to …"); a
    State named in another's entry stays a mention."""
    data = build([FIXTURES / "factsheet.en.md"], curation=False, views=False).dataset
    roles = {r["iso3"]: r["role"] for r in rows(data, "countries")}
    for iso3 in ("CAN", "MEX", "CRI", "ESP", "USA"):
        assert roles[iso3] == "delegation-statement", iso3
    for iso3 in ("HND", "GTM", "VEN", "NIC"):
        assert roles[iso3] == "mentioned", iso3



def test_a_pledge_is_a_statement() -> None:
    """« Le Premier ministre canadien X s'est engagé à accueillir davantage de réfugiés »: a
    pledge is a statement, with its theme."""
    data = build([FIXTURES / "mesures.fr.md"], curation=False, views=False).dataset
    spoke = {row["speaker"]: row for row in rows(data, "themes-by-speaker")}
    assert "Justin Trudeau" in spoke
