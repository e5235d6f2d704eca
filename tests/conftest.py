"""Shared fixtures: one build of the bundled document (with views), reused by many tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from idm_graph import build
from idm_graph.interfaces.serve import oxigraph_binary
from idm_graph.pipeline.build import BuildResult
from strict_skips import pytest_sessionfinish  # noqa: F401  (the hook of .ci/run)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLD = ROOT / "tests" / "gold"
OUTPUT = ROOT / "tests" / "output"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The bundled document built into a temporary directory, views included."""
    return build(out=tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="session")
def dataset(built: BuildResult):
    return built.dataset


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """tests/output: screenshots and reports a person can look at (ignored by git)."""
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def start_serve(data: Path, *options: str, piped: bool = False) -> tuple[Any, int]:
    """``idm-graph serve --data DATA`` on a free port (with ``options``): the process and the
    port. With ``piped``, its standard output and error are text pipes to read.
    """
    port = free_port()
    stream = subprocess.PIPE if piped else subprocess.DEVNULL
    process = subprocess.Popen([sys.executable, "-m", "idm_graph.cli", "serve", "--data",
                                str(data), "--port", str(port), *options], stdout=stream,
                               stderr=stream, text=piped)
    return process, port


def children_of(pid: int) -> list[int]:
    """The running child processes of ``pid`` (read from /proc; zombies left out)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] not in ("Z", "X"):
            found.append(int(stat.parent.name))
    return found


def is_running(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


#: Test modules of the slow families: they start servers, browsers or many CLI processes, or
#: build corpora. ``make check`` leaves them out (``-m "not slow"``); ``make test`` runs all.
SLOW_MODULES = frozenset({
    "test_browser", "test_output_safety", "test_readers", "test_cli", "test_query_rewrites",
    "test_readme", "test_corpus", "test_corpus_views", "test_hardening", "test_data_sources",
    "test_robustness", "test_notebook", "test_query_guard", "test_server", "test_virtuoso",
    "test_reasoner", "test_docs", "test_basis"})
#: Single tests of other modules that take seconds (measured with ``--durations``).
SLOW_TESTS = frozenset({
    "test_evidence_by_label_and_iri",
    "test_a_node_parameter_is_found_by_label_in_any_case_or_by_iri",
    "test_two_builds_are_byte_identical_across_hash_seeds",
    "test_ego_view_by_label_and_unknown_view", "test_ego_focus_is_never_pasted_into_the_query",
    "test_projection_counts_equal_sparql_counts",
    "test_ego_view_reaches_a_speakers_themes_and_objectives",
    "test_the_validate_command_gives_the_same_answer_with_both_engines",
    "test_build_writes_index_with_counts", "test_public_api_for_notebooks",
    "test_nodes_are_resources_with_attributes_and_edges_have_predicates",
    "test_projection_is_the_same_on_rdflib_and_oxigraph",
    "test_a_view_with_nothing_to_draw_says_why", "test_a_skip_fails_the_ci_run",
    "test_base_iri_is_configurable"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests of :data:`SLOW_MODULES` and :data:`SLOW_TESTS` ``slow``."""
    for item in items:
        if item.path.stem in SLOW_MODULES or item.name.split("[")[0] in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


_SOURCES: dict[int, Any] = {}


def as_source(data: Any) -> Any:
    """``data`` as the DataSource every query takes: itself if it is one; an rdflib dataset
    (a fixture's) in an in-memory Oxigraph store, loaded once per dataset.
    """
    from idm_graph.core.sources import DataSource
    from idm_graph.querying.data import to_oxigraph

    if isinstance(data, DataSource):
        return data
    if id(data) not in _SOURCES:
        _SOURCES[id(data)] = (data, to_oxigraph(data))
    return _SOURCES[id(data)][1]
