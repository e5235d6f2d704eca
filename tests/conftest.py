"""Shared fixtures: one build of the bundled document (with views), reused by many tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from idm_graph.pipeline import BuildResult, build

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
