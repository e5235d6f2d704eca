"""Child processes that die with their parent, and leftovers named after the process that
made them, so that a later run can remove what a killed run left behind.

A temporary directory made by :func:`owned_tempdir` carries the creator's process id in its
name (``PREFIX<pid>-XXXX``); :func:`sweep` removes those whose creator no longer runs.

>>> import tempfile, pathlib
>>> where = pathlib.Path(tempfile.mkdtemp())
>>> mine = owned_tempdir(".idm-graph-", where)
>>> dead = where / ".idm-graph-999999999-x"; dead.mkdir()
>>> [p.name for p in sweep(".idm-graph-", where)]
['.idm-graph-999999999-x']
>>> mine.is_dir()
True
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import tempfile
from pathlib import Path

__all__ = ["alive", "die_with_parent", "owned_tempdir", "sweep"]


def die_with_parent() -> None:
    """In a child process (``preexec_fn``, pool initializer): be killed (SIGKILL) when the
    parent dies, even by ``kill -9``. Linux only; elsewhere it does nothing.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, killed but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def owned_tempdir(prefix: str, directory: Path | None = None) -> Path:
    """A new temporary directory named ``PREFIX<this pid>-XXXX`` in ``directory``."""
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=directory))


def sweep(prefix: str, directory: Path | None = None) -> list[Path]:
    """Remove the directories ``PREFIX<pid>-…`` of ``directory`` whose process is gone (and
    ``PREFIX…`` without a process id, left by earlier versions).
    """
    removed = []
    where = Path(directory or tempfile.gettempdir())
    for path in sorted(where.glob(f"{prefix}*")):
        if not path.is_dir():
            continue
        pid = path.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and (int(pid) == os.getpid() or alive(int(pid))):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed
