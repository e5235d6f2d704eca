"""What a query may reach, and how long it may run.

A SPARQL query can make the engine fetch from the network or the disk: ``SERVICE <…>`` (both
engines) and, on rdflib, ``FROM <…>`` / ``FROM NAMED <…>`` (it dereferences the IRI, even a
``file://`` one). :func:`check_query` refuses them unless the caller allows it (the CLI's
``--allow-remote``). It reads the query's tokens, not its text: the words inside strings,
IRIs, comments or variable names do not count.

>>> remote_clauses('SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }')
['SERVICE']
>>> remote_clauses('SELECT ?service WHERE { ?s rdfs:label "FROM the field" } # SERVICE')
[]
>>> remote_clauses('SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }')
['FROM']

:func:`run_limited` runs a function in a forked child process and stops it after a time limit:
a query engine busy in native code (Oxigraph) or in a long Python loop (rdflib) cannot be
interrupted in-process, a child can be killed.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import re
from collections.abc import Callable
from typing import Any, TypeVar

from idm_graph.errors import IdmGraphError, QueryError

__all__ = ["DEFAULT_TIMEOUT", "check_query", "remote_clauses", "run_limited"]

#: Seconds a query may run in ``idm-graph query`` and ``serve`` unless ``--timeout`` says.
DEFAULT_TIMEOUT = 60.0

T = TypeVar("T")

# Tokens that hide keywords: long and short strings, IRIs, comments, variables, prefixed names.
_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*"
    r"|[?$]\w+"
    r"|[\w.-]*:[\w.:%-]*",
    re.DOTALL)
_REMOTE = re.compile(r"\b(SERVICE|FROM)\b", re.IGNORECASE)


def remote_clauses(sparql: str) -> list[str]:
    """The keywords of ``sparql`` that read outside the data (``SERVICE``, ``FROM``), once
    each, in upper case.
    """
    bare = _SKIP.sub(" ", sparql)
    found: list[str] = []
    for match in _REMOTE.finditer(bare):
        word = match.group(1).upper()
        if word not in found:
            found.append(word)
    return found


def check_query(label: str, sparql: str, *, allow_remote: bool = False,
                from_fetches: bool = True) -> None:
    """Refuse a query that would read from outside the data, unless ``allow_remote``.

    ``from_fetches`` says the engine dereferences ``FROM`` IRIs (rdflib does; on Oxigraph
    ``FROM`` only picks graphs of the store, which is harmless).

    >>> check_query("q", "SELECT * { SERVICE <http://evil/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    idm_graph.errors.QueryError: q: SERVICE makes the engine fetch from outside the data; ...
    """
    if allow_remote:
        return
    found = [word for word in remote_clauses(sparql) if word == "SERVICE" or from_fetches]
    if found:
        what = " and ".join(found)
        raise QueryError(label, f"{what} makes the engine fetch from outside the data; "
                                "refused (pass --allow-remote to allow it)")


def run_limited(func: Callable[[], T], timeout: float | None, label: str) -> T:
    """``func()`` in a forked child process, stopped after ``timeout`` seconds.

    The child returns its value (or the :class:`~idm_graph.errors.IdmGraphError` it raised)
    through a pipe. Without ``fork`` (not Linux), or with no timeout, ``func`` runs here.

    >>> run_limited(lambda: 6 * 7, 5, "answer")
    42
    >>> import time
    >>> run_limited(lambda: time.sleep(10), 0.5, "slow")
    Traceback (most recent call last):
    ...
    idm_graph.errors.QueryError: slow: stopped after 0.5 s (the time limit; ...
    """
    if not timeout or "fork" not in multiprocessing.get_all_start_methods():
        return func()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(func, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryError(label, f"stopped after {timeout:g} s (the time limit; --timeout "
                                    "SECONDS changes it, 0 for none)")
        try:
            kind, payload = receive.recv()
        except EOFError:
            raise QueryError(label, f"the query process died (exit {child.exitcode})") \
                from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if kind == "error":
        raise payload
    return payload  # type: ignore[no-any-return]


def _child(func: Callable[[], Any], send: Any) -> None:
    try:
        value: tuple[str, Any] = ("ok", func())
    except IdmGraphError as exc:
        value = ("error", exc)
    except Exception as exc:
        value = ("error", QueryError("query", f"failed: {' '.join(str(exc).split())[:200]}"))
    try:
        send.send(value)
    except (pickle.PicklingError, TypeError) as exc:
        send.send(("error", QueryError("query", f"result cannot be returned: {exc}")))
    finally:
        send.close()
        os._exit(0)
