"""Nothing lost: a build owns its output folder and swaps it in whole; files that are not
regular files are written, never replaced (issue 24, items 1–4 and the early ``--out`` check).

Every test here failed before the output folder was swapped in whole: a ``views/`` folder no
build wrote was deleted, two builds into one folder both succeeded with mixed files, a kill
during the commit left a new ``idm.ttl`` beside an old TriG, a crafted manifest deleted a file
outside the folder, and ``export --out`` turned a FIFO or a symbolic link into a regular file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import FIXTURES
from idm_graph import build
from idm_graph.core.errors import OutputError

CLI = [sys.executable, "-m", "idm_graph.cli"]


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, check=False,
                          timeout=timeout)


def one_line_error(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path → sha256), hidden ones included."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------ 1. folders no build wrote

def test_a_views_folder_no_build_wrote_is_kept_and_the_build_refused(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / "views" / "templates").mkdir(parents=True)
    (app / "views" / "templates" / "home.html").write_text("x")
    (app / "README.md").write_text("y")
    before = snapshot(app)
    started = time.monotonic()
    done = run("build", "--out", str(app), "--no-views")
    one_line_error(done, str(app), "no idm-graph build wrote")
    assert snapshot(app) == before
    assert not list(tmp_path.glob(".app.idm-graph-*")), "a staging folder was left"
    assert time.monotonic() - started < 30


def test_user_files_beside_an_earlier_build_make_the_build_refuse(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", "--out", str(out), "--no-views").returncode == 0
    (out / "my-notes.txt").write_text("mine")
    (out / "figures").mkdir()
    before = snapshot(out)
    one_line_error(run("build", "--out", str(out), "--no-views"), "my-notes.txt")
    assert snapshot(out) == before


def test_a_rebuild_holds_exactly_what_it_wrote(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run("build", str(FIXTURES / "idm-2023-s1.en.md"), str(FIXTURES /
                "idm-2022-s1.fr.txt"), "--out", str(out), "--no-views")
    assert first.returncode == 0, first.stderr
    assert (out / "merge-audit.csv").is_file()
    second = run("build", "--out", str(out), "--no-views", "--without", "jsonld")
    assert second.returncode == 0, second.stderr
    assert sorted(p.name for p in out.iterdir()) == [".idm-graph-build", "idm.trig",
                                                     "idm.ttl"]
    assert not list(tmp_path.glob(".out.idm-graph-*"))


def test_out_that_is_a_file_is_refused_before_any_work(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("mine")
    steps: list[str] = []
    with pytest.raises(OutputError, match="is not a folder"):
        build(out=target, views=False, stage=steps.append)
    assert steps == [], "the build did work before refusing its output folder"
    assert target.read_text() == "mine"


def test_a_store_folder_of_other_files_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "thesis.docx").write_text("x")
    done = run("build", "--store", f"oxigraph:{folder}", "--no-views",
               "--out", str(tmp_path / "out"))
    one_line_error(done, "not an Oxigraph store")
    assert (folder / "thesis.docx").read_text() == "x"
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ 2. one build at a time

def test_a_second_build_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(Path(__file__).parent.parent / "benchmarks" /
                                        "generate.py"), "30", str(corpus)],
                   check=True, capture_output=True)
    first = subprocess.Popen([*CLI, "build", str(corpus), "--out", str(out), "--no-views",
                              "--without", "trig", "--without", "jsonld"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".out.idm-graph-*")):
        time.sleep(0.05)
    second = run("build", "--out", str(out), "--no-views")
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    one_line_error(second, "another idm-graph build")
    assert sorted(p.name for p in out.iterdir()) == [".idm-graph-build", "idm.nq",
                                                     "idm.ttl", "merge-audit.csv"]


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (make test installs it)")
def test_a_kill_at_any_rename_leaves_the_old_build_or_the_new_build_whole(
        tmp_path: Path) -> None:
    """The commit is one exchange: kill the build at each rename it makes (found by tracing
    a build), and ``--out`` must hold the earlier build or the new one, never a mix.
    """
    old_ref, new_ref = tmp_path / "old-ref", tmp_path / "new-ref"
    old_args = [str(FIXTURES / "idm-2023-s1.en.md"), "--no-views", "--without", "trig",
                "--without", "jsonld"]
    assert run("build", *old_args, "--out", str(old_ref)).returncode == 0
    assert run("build", "--no-views", "--out", str(new_ref)).returncode == 0
    old, new = snapshot(old_ref), snapshot(new_ref)
    assert old != new
    calls = ("rename", "renameat", "renameat2", "unlinkat", "rmdir")
    traced = subprocess.run(["strace", "-f", "-qq", "-e", f"trace={','.join(calls)}", *CLI,
                             "build", "--no-views", "--out", str(tmp_path / "probe")],
                            capture_output=True, text=True, check=True)
    order = re.findall(rf"\b({'|'.join(calls)})\(", traced.stderr)
    assert "renameat2" in order, order  # the exchange
    # every rename, and the first call after the exchange (the old build's removal)
    points = [(call, order[: i + 1].count(call)) for i, call in enumerate(order)
              if call.startswith("rename")]
    after = order.index("renameat2") + 1
    if after < len(order):
        points.append((order[after], order[: after + 1].count(order[after])))
    outcomes = []
    for call, when in points:
        out = tmp_path / f"out-{call}-{when}"
        shutil.copytree(old_ref, out, symlinks=True)
        subprocess.run(["strace", "-f", "-qq", "-o", "/dev/null", "-e", f"trace={call}",
                        "-e", f"inject={call}:signal=SIGKILL:when={when}", *CLI, "build",
                        "--no-views", "--out", str(out)], capture_output=True, check=False)
        now = snapshot(out)
        assert now in (old, new), f"mixed files after a kill at {call} #{when}"
        outcomes.append((call, when, "new" if now == new else "old"))
        again = run("build", "--no-views", "--out", str(out))
        assert again.returncode == 0, again.stderr
        assert snapshot(out) == new
        assert not list(tmp_path.glob(f".{out.name}.idm-graph-*")), "leftovers not swept"
    assert ("renameat2", 1, "old") in outcomes, outcomes  # killed before the exchange
    assert outcomes[-1][2] == "new", outcomes  # killed just after it


# ------------------------------------------------------------------ 3. a crafted manifest

def test_a_crafted_manifest_deletes_nothing_outside_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "somewhere"
    outside.mkdir()
    (outside / "target.txt").write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".idm-graph-build").write_text("evil/target.txt\n../somewhere/target.txt\n"
                                          f"{outside / 'target.txt'}\n")
    (out / "evil").symlink_to(outside)
    done = run("build", "--out", str(out), "--no-views")
    one_line_error(done, "evil", "symbolic link")
    assert (outside / "target.txt").read_text() == "precious"
    (out / "evil").unlink()  # a manifest whose entries point outside, and no symlink
    done = run("build", "--out", str(out), "--no-views")
    assert done.returncode == 0, done.stderr
    assert (outside / "target.txt").read_text() == "precious"


# ------------------------------------------------------------------ 4. special files

def test_export_writes_to_a_fifo_and_through_a_symlink_and_to_stdout(tmp_path: Path,
                                                                    built: object) -> None:
    data = str(built.out)  # type: ignore[attr-defined]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    done = run("export", "--format", "nquads", "--data", data, "--out", str(fifo))
    if not fifo.is_fifo():  # replaced: let the reader, still waiting for a writer, go
        os.close(os.open(tmp_path / "pipe-unblock", os.O_CREAT | os.O_WRONLY))
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert fifo.is_fifo(), "the FIFO was replaced by a regular file"
    assert received
    assert received[0].count(b"\n") > 1000

    target = tmp_path / "real.ttl"
    target.write_text("old")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    assert run("export", "--format", "turtle", "--data", data, "--out",
               str(link)).returncode == 0
    assert link.is_symlink()
    assert target.read_text().startswith("@prefix")

    piped = subprocess.run([*CLI, "export", "--format", "nquads", "--data", data, "--out",
                            "-"], capture_output=True, check=False)
    assert piped.returncode == 0
    assert piped.stdout == received[0]
    assert not Path("-").exists()

    view = subprocess.run([*CLI, "viz", "actors", "--data", data, "--out", "-"],
                          capture_output=True, check=False, cwd=tmp_path)
    assert view.returncode == 0
    assert view.stdout.startswith(b"<!DOCTYPE html>") or b"<html" in view.stdout[:200]
    assert not (tmp_path / "-").exists()


def test_export_to_a_folder_is_one_line(tmp_path: Path, built: object) -> None:
    done = run("export", "--format", "turtle", "--data", str(built.out),  # type: ignore[attr-defined]
               "--out", str(tmp_path))
    one_line_error(done, "is a folder")
