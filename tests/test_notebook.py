"""The notebook runs from a clean kernel, and is committed without outputs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_notebook_is_committed_without_outputs() -> None:
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None


def test_notebook_executes_with_nbconvert_and_shows_tables(tmp_path: Path) -> None:
    """As ``make notebook`` runs it: ``jupyter nbconvert --execute`` from a clean kernel, the
    named questions shown as pandas DataFrames (HTML tables), not lists of dicts."""
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("pandas")
    jupyter = Path(sys.executable).parent / "jupyter"
    copy = tmp_path / "explore.ipynb"
    shutil.copy(NOTEBOOK, copy)
    done = subprocess.run([str(jupyter), "nbconvert", "--to", "notebook", "--execute",
                           "--inplace", "--ExecutePreprocessor.timeout=300", copy.name],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    notebook = nbformat.read(copy, as_version=4)
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                     for o in outputs)
    assert "SHACL conforms: True" in text
    assert "Amy Pope" in text
    assert "Recommandation 9" in text  # the link curated in the notebook
    tables = [o["data"]["text/html"] for o in outputs
              if "text/html" in o.get("data", {}) and 'class="dataframe"' in
              o["data"]["text/html"]]
    assert len(tables) >= 5  # persons, speakers-by-panel, countries, diaspora, evidence
    assert "[{" not in text  # no list of dicts printed as a table
    output = tmp_path / "output"  # everything the notebook writes, git-ignored
    assert (output / "build" / "idm.ttl").is_file()
    assert (output / "graph.ttl").is_file()
    assert (output / "objectives.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["explore.ipynb", "output"]
