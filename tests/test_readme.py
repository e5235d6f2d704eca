"""The README and the documentation tell the truth: every ``$ idm-graph …`` example in the
README and in the pages of :data:`PAGES` is run, in that order, in one fresh folder where
``idm-graph build --out out`` ran first, and what a page shows must be what the command prints,
line for line; a line ``...`` stands for any number of lines.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

README = ROOT / "README.md"
#: The pages whose examples run, in this order (later ones use what earlier ones wrote).
PAGES = [README, *(ROOT / "docs" / name for name in (
    "model.md", "queries.md", "views.md", "command-line.md", "corpora.md", "performance.md",
    "extraction.md"))]
_BLOCK = re.compile(r"^```[a-z]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def examples() -> list[tuple[str, list[str]]]:
    """(command, shown output lines) for each ``$ idm-graph`` line of the README's code
    blocks, in order; a command may continue on lines ending with a backslash.
    """
    found: list[tuple[str, list[str]]] = []
    blocks = [b for page in PAGES for b in _BLOCK.findall(page.read_text(encoding="utf-8"))]
    for block in blocks:
        lines = block.splitlines()
        index, current = 0, None
        while index < len(lines):
            line = lines[index]
            if not line.startswith(("$ idm-graph", "$ python benchmarks/", "$ python tests/")):
                if current is not None and not line.startswith("$ "):
                    current.append(line)
                index += 1
                continue
            command = line[2:]
            while command.endswith("\\") or not _complete(command):
                index += 1
                command = command.removesuffix("\\") + "\n" + lines[index]
            current = []
            found.append((command, current))
            index += 1
    return found


def _complete(command: str) -> bool:
    try:
        shlex.split(command)
    except ValueError:  # an open quote: the command goes on
        return False
    return True


def matches(shown: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is ``shown`` with each ``...`` line standing for any lines."""
    shown = [line.rstrip() for line in shown]
    actual = [line.rstrip() for line in actual]
    memo: dict[tuple[int, int], bool] = {}

    def walk(i: int, j: int) -> bool:
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(shown):
            result = j == len(actual)
        elif shown[i] == "...":
            result = any(walk(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            result = j < len(actual) and shown[i] == actual[j] and walk(i + 1, j + 1)
        memo[(i, j)] = result
        return result

    return walk(0, 0)


def test_the_readme_has_examples() -> None:
    commands = [command for command, _ in examples()]
    assert commands[0] == "idm-graph build --out out"
    assert len(commands) >= 8


def test_every_page_of_the_documentation_is_linked_from_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{page.name})" in readme, page.name
    for page in PAGES[1:]:
        assert page.is_file(), page


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh folder with the project's ``data/`` (the paths the README's examples use)."""
    where = tmp_path_factory.mktemp("readme")
    (where / "data").symlink_to(ROOT / "data")
    return where


@pytest.mark.parametrize(("command", "shown"), examples(),
                         ids=[c.split("\n")[0][:60] for c, _ in examples()])
def test_readme_example(command: str, shown: list[str], folder: Path) -> None:
    args = shlex.split(command.replace("\n", " "))
    program = [sys.executable, "-m", "idm_graph.cli"] if args[0] == "idm-graph" else \
        [sys.executable, str(ROOT / args[1])]  # python benchmarks/… or tests/…
    args = args[1:] if args[0] == "idm-graph" else args[2:]
    done = subprocess.run([*program, *args], cwd=folder,
                          capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    actual = (done.stdout + done.stderr).rstrip("\n").splitlines()
    while shown and not shown[-1].strip():
        shown = shown[:-1]
    assert matches(shown, actual), "the page shows:\n" + "\n".join(shown) + \
        "\n\nthe command prints:\n" + "\n".join(actual)


def test_matching_allows_elisions_only_where_marked() -> None:
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "..."], ["a"])
    assert not matches(["a", "c"], ["a", "b", "c"])
    assert not matches(["a", "...", "e"], ["a", "b"])
