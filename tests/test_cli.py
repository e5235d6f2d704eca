"""The command line as a user runs it: real subprocesses, exit codes, one-line errors,
no partial output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "idm_graph.cli", *args], capture_output=True,
                          text=True, cwd=cwd, check=False,
                          env={**os.environ, "PYTHONHASHSEED": "0"})


def test_help_on_every_command() -> None:
    top = run("--help")
    assert top.returncode == 0
    for command in ("build", "extract", "query", "queries", "validate", "export", "viz",
                    "stats"):
        assert command in top.stdout
        assert run(command, "--help").returncode == 0
    assert run("--version").stdout.strip() == "idm-graph, version 0.1.0"


def test_build_default_and_query(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "SHACL: conforms" in result.stdout
    for name in ("idm.ttl", "idm.trig", "idm.jsonld", "views/index.html",
                 "views/speakers-themes.html", "views/objectives.html"):
        assert (out / name).is_file(), name
        assert str(out / name) in result.stdout
    csv_out = run("query", "persons", "--data", str(out), "--format", "csv")
    assert csv_out.returncode == 0
    assert csv_out.stdout.splitlines()[0] == "name,honorific,role,organisation,country"
    as_json = json.loads(run("query", "objective-links", "--data", str(out / "idm.ttl"),
                             "--format", "json", "--param", "objective=20").stdout)
    objectives = {b["objective"]["value"] for b in as_json["results"]["bindings"]}
    assert objectives == {"20"}
    assert run("validate", "--data", str(out)).returncode == 0
    exported = run("export", "--format", "ntriples", "--data", str(out))
    assert exported.returncode == 0
    assert exported.stdout.count("\n") > 5000
    viz = run("viz", "actors", "--data", str(out), "--out", str(tmp_path / "a.html"),
              "--lang", "en")
    assert viz.returncode == 0, viz.stderr
    assert (tmp_path / "a.html").is_file()
    ego = run("viz", "ego", "--focus", "Leon Isaacs", "--data", str(out), "--out",
              str(tmp_path / "ego.html"))
    assert ego.returncode == 0, ego.stderr
    stats = run("stats", "--data", str(out), "--view", "speakers-themes")
    assert "betweenness centrality" in stats.stdout


def test_build_english_fixture_without_curation(tmp_path: Path) -> None:
    out = tmp_path / "en"
    result = run("build", str(FIXTURES / "idm-2023-s1.en.md"), "--out", str(out), "--no-views",
                 "--lang", "en")
    assert result.returncode == 0, result.stderr
    persons = run("query", "persons", "--data", str(out), "--format", "csv", "--param",
                  "lang=en")
    assert "Lena Kowalczyk,H.E. Ms.,Minister of Foreign Affairs of Poland,,POL" in persons.stdout


def test_extract_table_and_json() -> None:
    table = run("extract")
    assert table.returncode == 0
    assert "Person" in table.stdout
    assert "Amy Pope" in table.stdout
    rows = json.loads(run("extract", "--json").stdout)
    person = next(r for r in rows if r["key"] == "person/leon-isaacs")
    assert person["first_quote"] == "M. Leon Isaacs"


def test_queries_lists_the_library() -> None:
    listing = run("queries").stdout
    assert "persons [lang=auto, prefer=auto]\n" in listing
    assert "objective-links [objective=0, lang=auto]" in listing
    assert "evidence [node=VALUE]" in listing


def _bad(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize(("setup", "needles"), [
    ("missing", ("nothing.md", "no such file")),
    ("empty", ("empty.md", "file is empty")),
    ("binary", ("binary.md", "binary")),
    ("latin1", ("latin1.md", "not valid UTF-8")),
    ("emptydir", ("emptydir", "no document (.md, .txt, .pdf, .html)")),
])
def test_bad_sources(tmp_path: Path, setup: str, needles: tuple[str, ...]) -> None:
    files = {"empty": b"", "binary": b"\x00\x01\x02", "latin1": "Clôture".encode("latin-1")}
    if setup in files:
        source = tmp_path / f"{setup}.md"
        source.write_bytes(files[setup])
    elif setup == "emptydir":
        source = tmp_path / "emptydir"
        source.mkdir()
    else:
        source = tmp_path / "nothing.md"
    out = tmp_path / "out"
    _bad(run("build", str(source), "--out", str(out)), *needles)
    assert not out.exists() or not any(out.iterdir())


def test_bad_curation_leaves_no_output(tmp_path: Path) -> None:
    curation = tmp_path / "c.yaml"
    curation.write_text("document: idm-2021-s2.fr.md\nlinks:\n  - target: panel 7\n"
                        "    objective: 19\n    quote: pas dans le texte\n"
                        "    rationale: test\n", encoding="utf-8")
    out = tmp_path / "out"
    _bad(run("build", "--curation", str(curation), "--out", str(out)), "c.yaml:3",
         "does not occur")
    assert not out.exists() or not any(out.iterdir())


def test_unwritable_output(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    _bad(run("build", "--out", str(blocker / "out")), str(blocker / "out"))


def test_bad_queries_and_views(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", "--out", str(out), "--no-views").returncode == 0
    _bad(run("query", "nope", "--data", str(out)), "unknown query", "persons")
    _bad(run("query", "SELECT ?x WHERE { ?x }", "--data", str(out)), "line 1, column")
    _bad(run("viz", "nope", "--data", str(out)), "unknown view")
    _bad(run("query", "persons", "--data", str(tmp_path / "none.ttl")), "none.ttl",
         "no such file")
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix x: <urn:x#> .\nx:a x:b ", encoding="utf-8")
    _bad(run("query", "persons", "--data", str(broken)), "broken.ttl", "not a valid turtle")
    _bad(run("validate", "--data", str(broken)), "broken.ttl", "not a valid ttl")
    empty = tmp_path / "empty.nq"
    empty.write_bytes(b"")
    for engine in ("sparql", "pyshacl"):
        _bad(run("validate", "--data", str(empty), "--engine", engine), "empty.nq",
             "file is empty")
    _bad(run("query", "persons", "--endpoint", "http://127.0.0.1:9/sparql"),
         "http://127.0.0.1:9/sparql", "unreachable")


def test_document_without_structure_builds_an_empty_valid_graph(tmp_path: Path) -> None:
    source = tmp_path / "note.md"
    source.write_text("Bonjour.\nCeci est une note sans structure.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", str(source), "--out", str(out), "--no-views")
    assert result.returncode == 0, result.stderr
    assert "no session, panel or person was recognised" in result.stderr
    assert run("validate", "--data", str(out)).returncode == 0
    persons = run("query", "persons", "--data", str(out), "--format", "csv")
    assert persons.stdout.strip() == "name,honorific,role,organisation,country"


def test_oversized_file_is_refused_quickly(tmp_path: Path) -> None:
    source = tmp_path / "huge.md"
    with source.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    out = tmp_path / "out"
    _bad(run("build", str(source), "--out", str(out)), "huge.md", "50.0 MiB", "limit is 2 MiB",
         "split it")
    assert not out.exists()


def test_unknown_objective_in_curation(tmp_path: Path) -> None:
    curation = tmp_path / "c.yaml"
    curation.write_text("document: idm-2021-s2.fr.md\nlinks:\n  - target: panel 7\n"
                        "    objective: 42\n    quote: Autonomiser les migrants\n"
                        "    rationale: test\n", encoding="utf-8")
    _bad(run("build", "--curation", str(curation), "--out", str(tmp_path / "o")), "c.yaml:3",
         "unknown GCM objective 42")


def test_skipped_validation_is_reported_as_not_validated(tmp_path: Path) -> None:
    """Regression: --skip-validation printed "SHACL: conforms"; it must say "not validated" in
    the CLI, the build report and the provenance graph."""
    from rdflib import Dataset, URIRef

    from idm_graph import build
    from idm_graph.core.vocab import IDM, KIND

    skipped = run("build", "--out", str(tmp_path / "a"), "--no-views", "--skip-validation")
    assert skipped.returncode == 0, skipped.stderr
    assert "SHACL: not validated (--skip-validation)" in skipped.stdout
    assert "conforms" not in skipped.stdout
    assert build(check=False, views=False).report.status == "not validated"
    assert build(views=False).report.status == "conforms"
    for name, state in (("a", KIND["not-validated"]), ("b", KIND["shacl-conforms"])):
        if name == "b":
            assert run("build", "--out", str(tmp_path / "b"), "--no-views").returncode == 0
        dataset = Dataset(default_union=True)
        dataset.parse(tmp_path / name / "idm.trig", format="trig")
        states = set(dataset.objects(None, IDM.validation))
        assert states == {URIRef(state)}, name


def test_errors_by_their_kind(tmp_path: Path, built: Any) -> None:
    """Regression: output failures and unknown formats were reported as input errors, and an
    Oxigraph error opening a store was a traceback."""
    from idm_graph.core.errors import FormatError, InputError, OutputError
    from idm_graph.graph.export import serialize, write_atomic
    from idm_graph.querying.store import OxigraphStore
    from idm_graph.views.exchange import write_network

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match=r"a-file/out\.ttl: cannot write"):
        write_atomic(blocker / "out.ttl", b"data")
    with pytest.raises(FormatError, match="unknown format"):
        serialize(built.dataset, "rdfxml")
    with pytest.raises(FormatError, match="unknown network format"):
        write_network(__import__("networkx").MultiDiGraph(), tmp_path / "n", "dot")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="not an Oxigraph store"):
        OxigraphStore(tmp_path / "empty", read_only=True)
    result = run("build", "--out", str(blocker / "out"), "--no-views")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "cannot write output directory" in result.stderr
    viz = run("viz", "full", "--data", str(built.out), "--out", str(blocker / "v.html"))
    assert viz.returncode == 1
    assert "Traceback" not in viz.stderr
    assert "cannot write" in viz.stderr


def test_build_of_a_folder_says_what_it_skipped_and_what_gave_nothing(tmp_path: Path) -> None:
    """Regression (#12): `build .` read every .md/.txt without a word about the rest or about
    documents in which nothing was recognised."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "summary.fr.md").write_text(
        (FIXTURES / "idm-2022-s1.fr.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "shopping.txt").write_text("Buy bread, milk and eggs on the way home.\n",
                                         encoding="utf-8")
    (folder / "setup.cfg").write_text("[metadata]\nname = x\n", encoding="utf-8")
    result = run("build", str(folder), "--out", str(tmp_path / "out"), "--no-views",
                 "--no-curation")
    assert result.returncode == 0, result.stderr
    assert "note: 1 document(s) gave no session, panel or person (not summaries?): shopping" \
        in result.stderr
    assert "note: skipped 1 file(s) that are not documents (.md, .txt, .pdf, .html): setup.cfg" \
        in result.stderr


def test_a_folder_build_counts_distinct_resources(tmp_path: Path) -> None:
    """Two documents naming the same persons and countries: the summary prints the
    resources of the merged graph, and the per-document sum only labelled as such."""
    folder = tmp_path / "two"
    folder.mkdir()
    text = (FIXTURES / "reports.en.md").read_text("utf-8")
    (folder / "first.md").write_text(text, "utf-8")
    (folder / "second.md").write_text(text, "utf-8")
    out = tmp_path / "out"
    result = run("build", str(folder), "--out", str(out), "--no-views")
    assert result.returncode == 0, result.stderr
    printed = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()
               if line.startswith("  ") and line.split()[0] in ("Person", "Country")}
    for kind in ("Person", "Country"):
        counted = run("query", "--data", str(out), "--format", "csv",
                      f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a schema:{kind} }}")
        distinct = int(counted.stdout.splitlines()[1])
        assert distinct > 0
        assert printed[kind][0] == str(distinct), (kind, printed[kind])
        assert printed[kind][1:] == ["(" + str(2 * distinct), "summed", "over", "the",
                                     "documents)"]


def test_stats_keeps_a_session_and_its_summary_apart(built: Any) -> None:
    """Labels that agree on their first 50 characters (the session and its summary) are
    cut at a word's end and stay distinct."""
    result = run("stats", "--data", str(built.out))
    assert result.returncode == 0, result.stderr
    ranked = [line.strip().rsplit("  ", 1)[0].strip() for line in result.stdout.splitlines()
              if line.startswith("  ") and re.search(r"\d\.\d{4}$", line)]
    top = ranked[:15]
    assert len(set(top)) == len(top), top
    assert all(not re.search(r"\w…\w", label) for label in ranked)  # no word cut in two
    assert any(label.startswith("Seconde session du Dialogue international") for label in top)
