"""An output folder that a build owns: locked, checked before any work, swapped in whole.

A build writes into a staging folder beside ``--out`` (``.NAME.idm-graph-<pid>-XXXX`` in the
same parent) and, once everything is written, exchanges it with ``--out`` in one system call
(``renameat2(RENAME_EXCHANGE)`` on Linux). A reader therefore sees the previous build whole
or the new build whole, never a mix, whenever the build is killed. The previous build, which
the exchange leaves at the staging name, is removed after it; a build killed before that
leaves it to the next build, which removes staging folders whose process is gone.

Before any work:

- ``--out`` must be a folder (or not exist yet);
- it is locked (``flock``) for the whole build: a second build into it is refused;
- it must hold only what an earlier build wrote, as listed in that build's manifest
  (``.idm-graph-build``): a file or folder it does not list, a symbolic link, a device or a
  FIFO makes the build refuse the folder. Manifest entries are compared with what is there;
  nothing is ever removed by following an entry, so a crafted manifest removes nothing.

>>> import tempfile
>>> from pathlib import Path
>>> out = Path(tempfile.mkdtemp()) / "out"
>>> with OutputFolder(out) as folder:
...     _ = (folder.staging / "idm.ttl").write_text("x")
...     files = folder.commit()
>>> sorted(p.name for p in out.iterdir())
['.idm-graph-build', 'idm.ttl']
>>> (out / "notes.txt").write_text("mine")
4
>>> OutputFolder(out).__enter__()  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
idm_graph.core.errors.OutputError: ...: holds notes.txt, which no idm-graph build wrote; build ...
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import stat
from pathlib import Path

from idm_graph.core.errors import OutputError
from idm_graph.core.processes import alive, owned_tempdir

__all__ = ["MANIFEST", "OutputFolder", "check_store_folder", "exchange", "listed_tree",
           "replace_folder"]

#: The list of files a build wrote into its output folder, read by the next build.
MANIFEST = ".idm-graph-build"
#: Staging folders inside an output folder, made by versions before the whole-folder swap.
_LEGACY_STAGING = ".idm-graph-"
_OLD = "-old"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _staging_prefix(out: Path) -> str:
    return f".{out.name}.idm-graph-"


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2`` with ``RENAME_EXCHANGE``).
    False where the system or the file system cannot (the caller then falls back).

    >>> import tempfile
    >>> from pathlib import Path
    >>> where = Path(tempfile.mkdtemp())
    >>> (where / "a").mkdir(); (where / "b").mkdir(); _ = (where / "a" / "x").write_text("")
    >>> exchange(where / "a", where / "b") and sorted(p.name for p in (where / "b").iterdir())
    ['x']
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    done = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                     _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def listed_tree(out: Path) -> set[str]:
    """The files of an earlier build in ``out`` (relative POSIX paths), after checking that
    ``out`` holds nothing else: every regular file is listed in the manifest, every folder
    holds such files, and there is no symbolic link or special file. Raises
    :class:`OutputError` naming the first thing that does not belong.
    """
    manifest = out / MANIFEST
    listed: set[str] = set()
    if manifest.is_symlink() or (manifest.exists() and not manifest.is_file()):
        _refuse(out, MANIFEST, "which is not a regular file")
    if manifest.is_file():
        listed = {line for line in manifest.read_text(encoding="utf-8").splitlines()
                  if line and not line.startswith("#")}
    found: set[str] = set()
    for folder, dirs, files in os.walk(out, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):
            path = here / name
            relative = path.relative_to(out).as_posix()
            if path.is_symlink():
                _refuse(out, relative, "a symbolic link no idm-graph build wrote")
            if here == out and name.startswith(_LEGACY_STAGING):
                dirs.remove(name)  # an old in-folder staging folder: swept, not ours to judge
        for name in sorted(files):
            path = here / name
            relative = path.relative_to(out).as_posix()
            if here == out and name == MANIFEST:
                continue
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                _refuse(out, relative, "a symbolic link no idm-graph build wrote")
            if not stat.S_ISREG(mode):
                _refuse(out, relative, "a special file")
            if relative not in listed:
                _refuse(out, relative, "which no idm-graph build wrote")
            found.add(relative)
    return found


def _refuse(out: Path, name: str, why: str) -> None:
    raise OutputError(str(out), f"holds {name}, {why}; build into an empty or new folder, "
                                "or move it away")


class OutputFolder:
    """``with OutputFolder(out) as folder:`` write into ``folder.staging``, then
    ``folder.commit()``. Leaving the block without a commit (an error, Ctrl-C) removes the
    staging folder and leaves ``out`` as it was.
    """

    def __init__(self, out: Path) -> None:
        self.out = Path(out).absolute()
        self.staging = self.out
        self.previous: set[str] = set()
        self._fd: int | None = None
        self._created = False

    def __enter__(self) -> OutputFolder:
        out = self.out
        if out.is_symlink() or (out.exists() and not out.is_dir()):
            raise OutputError(str(out), "is not a folder; --out names the folder a build "
                                        "writes into")
        try:
            _recover(out)
            self._created = not out.exists()
            out.mkdir(parents=True, exist_ok=True)
            self._lock()
            _sweep(out)
            self.previous = listed_tree(out)
            self.staging = owned_tempdir(_staging_prefix(out), out.parent)
        except OSError as exc:
            self._release()
            raise OutputError(str(out), f"cannot write output directory: "
                                        f"{exc.strerror or exc}") from None
        except BaseException:
            self._release()
            raise
        return self

    def _lock(self) -> None:
        """Lock ``out`` (its folder) for this process; refuse if another build holds it."""
        fd = os.open(self.out, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputError(str(self.out), "another idm-graph build is writing into this "
                                             "folder; wait for it, or build elsewhere") from None
        if os.fstat(fd).st_ino != self.out.stat().st_ino:  # swapped while we opened it
            os.close(fd)
            raise OutputError(str(self.out), "another idm-graph build replaced this folder "
                                             "just now; run again")
        self._fd = fd

    def commit(self, files: list[Path] | None = None) -> list[Path]:
        """Write the manifest (the staged files, or ``files``) and swap the staging folder
        with ``out`` in one step; remove the previous build. Returns the files at their
        final paths.
        """
        staged = files if files is not None else [
            p for p in sorted(self.staging.rglob("*")) if p.is_file()]
        names = sorted(p.relative_to(self.staging).as_posix() for p in staged)
        try:
            (self.staging / MANIFEST).write_text(
                "# written by idm-graph build: the next build into this folder replaces "
                "these files\n" + "".join(f"{name}\n" for name in names), encoding="utf-8")
            self.staging.chmod(stat.S_IMODE(self.out.stat().st_mode))
            if not exchange(self.staging, self.out):
                # no atomic exchange here: two renames; a kill between them leaves the old
                # build beside ``out`` (``…-old``), which the next build puts back
                old = self.staging.with_name(self.staging.name + _OLD)
                self.out.rename(old)
                self.staging.rename(self.out)
                old.rename(self.staging)
        except OSError as exc:
            raise OutputError(str(self.out), f"cannot write output: {exc.strerror or exc}") \
                from None
        return [self.out / p.relative_to(self.staging) for p in staged]

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        if self._created and error is not None:
            with contextlib.suppress(OSError):
                self.out.rmdir()  # made for this build, still empty
        self._release()

    def _release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _recover(out: Path) -> None:
    """Put back the previous build of a build killed between its two renames (where the
    atomic exchange is not available): ``out`` is missing and ``….idm-graph-<pid>-…-old``
    of a process that is gone lies beside it.
    """
    if out.exists():
        return
    prefix = _staging_prefix(out)
    for path in sorted(out.parent.glob(f"{prefix}*{_OLD}")):
        pid = path.name[len(prefix):].split("-", 1)[0]
        if path.is_dir() and not path.is_symlink() and pid.isdigit() and not alive(int(pid)):
            path.rename(out)
            return


def _sweep(out: Path) -> None:
    """Remove what killed builds left: staging folders beside ``out`` (and, from earlier
    versions, inside it) whose process is gone.
    """
    for where, prefix in ((out.parent, _staging_prefix(out)), (out, _LEGACY_STAGING)):
        for path in sorted(where.glob(f"{prefix}*")):
            pid = path.name[len(prefix):].split("-", 1)[0]
            if not path.is_dir() or path.is_symlink() or (
                    pid.isdigit() and (int(pid) == os.getpid() or alive(int(pid)))):
                continue
            shutil.rmtree(path, ignore_errors=True)


#: Files every Oxigraph (RocksDB) store folder holds.
_STORE_MARKS = ("CURRENT", "IDENTITY")


def check_store_folder(path: Path) -> None:
    """Refuse to build a store into ``path`` unless it is missing, an empty folder or an
    Oxigraph store (which the build replaces): a folder of other files is never replaced.

    >>> import tempfile
    >>> from pathlib import Path
    >>> check_store_folder(Path(tempfile.mkdtemp()) / "new")
    >>> where = Path(tempfile.mkdtemp()); _ = (where / "thesis.docx").write_text("")
    >>> check_store_folder(where)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    idm_graph.core.errors.OutputError: ...: is not an Oxigraph store (it holds thesis.docx); ...
    """
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise OutputError(str(path), "is not a folder; --store oxigraph:PATH names a folder")
    if not path.exists():
        return
    names = sorted(p.name for p in path.iterdir())
    if names and not all((path / mark).is_file() for mark in _STORE_MARKS):
        raise OutputError(str(path), f"is not an Oxigraph store (it holds {names[0]}"
                                     f"{' …' if len(names) > 1 else ''}); a build replaces "
                                     "a store's content, so give a new or empty folder")


def replace_folder(staged: Path, final: Path) -> None:
    """Put the folder ``staged`` at ``final`` in one step, and remove what was there (it is
    left at ``staged`` by the exchange).
    """
    if not final.exists():
        staged.rename(final)
        return
    if exchange(staged, final):
        shutil.rmtree(staged, ignore_errors=True)
        return
    old = staged.with_name(staged.name + _OLD)
    final.rename(old)
    staged.rename(final)
    shutil.rmtree(old, ignore_errors=True)
