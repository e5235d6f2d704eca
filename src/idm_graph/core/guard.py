"""What a query may reach, and how long it may run.

A SPARQL query can make the engine fetch from the network or the disk: ``SERVICE <…>`` (both
engines) and, on rdflib, ``FROM <…>`` / ``FROM NAMED <…>`` (it dereferences the IRI, even a
``file://`` one). :func:`check_query` refuses them unless the caller allows it (the CLI's
``--allow-remote``). It decides from the *parsed* query — the service patterns and the
dataset clause of the syntax tree of rdflib's SPARQL 1.1 parser, the parser rdflib runs the
query with — never from its tokens: ``\u0053ERVICE``, a keyword after ``<`` in an
expression or beside a comment, odd spacing and lower case are all seen for what they are.

>>> remote_clauses('SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }')
['SERVICE']
>>> remote_clauses('SELECT ?service WHERE { ?s rdfs:label "FROM the field" } # SERVICE')
[]
>>> remote_clauses('SELECT * WHERE { ?s ?p ?o FILTER(1<2)SERVICE#>\\n<http://x/> {} }')
['SERVICE']
>>> remote_clauses('SELECT * \\u0046ROM <file:///etc/hostname> WHERE { ?s ?p ?o }')
['FROM']

Oxigraph's parser is not reachable from Python, so a local Oxigraph query also runs in a
child process cut off from the network (:func:`run_limited` with ``isolate``: a network
namespace of its own, where only a loopback that is down exists): whatever its parser makes of
a query rdflib reads otherwise, it cannot reach another server.

:func:`run_limited` runs a function in a forked child process and stops it after a time limit:
a query engine busy in native code (Oxigraph) or in a long Python loop (rdflib) cannot be
interrupted in-process, a child can be killed.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

from idm_graph.core.errors import IdmGraphError, QueryError

__all__ = ["DEFAULT_TIMEOUT", "bad_patterns", "check_patterns", "check_query", "isolate_network",
           "remote_clauses",
           "run_limited"]

#: Seconds a query may run in ``idm-graph query`` and ``serve`` unless ``--timeout`` says.
DEFAULT_TIMEOUT = 60.0

T = TypeVar("T")


@lru_cache(maxsize=256)
def remote_clauses(sparql: str) -> list[str] | None:
    """The clauses of ``sparql`` that read outside the data (``SERVICE``, ``FROM``), once
    each, in upper case, from rdflib's syntax tree; ``None`` if rdflib's SPARQL 1.1 parser
    rejects the query (it may still be valid for another engine).
    """
    found = _found(sparql)
    if found is None:
        return None
    return [word for word in ("SERVICE", "FROM") if word in found]


def bad_patterns(sparql: str) -> list[tuple[str, str]]:
    """The literal patterns of ``REGEX(…)`` in ``sparql`` that are not regular expressions,
    with the problem: Oxigraph evaluates such a filter to an error, so it silently keeps no
    row. Also the forms its regex engine does not have (look-around, back-references).

    >>> bad_patterns('SELECT * { ?s ?p ?o FILTER(REGEX(?o, "(")) }')
    [('(', 'missing ), unterminated subpattern at position 0')]
    >>> bad_patterns('SELECT * { ?s ?p ?o FILTER(REGEX(?o, "^Am(y|ie)", "i")) }')
    []
    """
    import re

    out = []
    for pattern in sorted(p for p in _found(sparql) or () if p.startswith("regex:")):
        text = pattern[len("regex:"):]
        if re.search(r"\(\?<?[=!]|\\[1-9]", text):
            out.append((text, "look-around and back-references are not supported"))
            continue
        try:
            re.compile(text)
        except re.error as exc:
            out.append((text, str(exc)))
    return out


@lru_cache(maxsize=256)
def _found(sparql: str) -> frozenset[str] | None:
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(sparql)
    except Exception:  # pyparsing's ParseException, or rdflib's own on odd input
        return None
    found: set[str] = set()
    _walk(tree, found)
    return frozenset(found)


def _walk(node: Any, found: set[str]) -> None:
    from pyparsing import ParseResults
    from rdflib import Literal
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            found.add("SERVICE")
        if node.name == "Builtin_REGEX":
            pattern = node.get("pattern")
            while isinstance(pattern, CompValue) and list(pattern) == ["expr"]:
                pattern = pattern["expr"]  # the wrappers of a plain literal
            if isinstance(pattern, CompValue) and pattern.name == "literal":
                pattern = pattern.get("string")
            if isinstance(pattern, Literal):
                found.add("regex:" + str(pattern))
        for key, value in node.items():
            if key == "datasetClause" and value:
                found.add("FROM")
            _walk(value, found)
    elif isinstance(node, list | tuple | ParseResults):
        for value in node:
            _walk(value, found)
    elif isinstance(node, dict):
        for value in node.values():
            _walk(value, found)


def check_query(label: str, sparql: str, *, allow_remote: bool = False,
                from_fetches: bool = True, isolated: bool = False) -> None:
    """Refuse a query that would read from outside the data, unless ``allow_remote``.

    ``from_fetches`` says the engine dereferences ``FROM`` IRIs (rdflib does; on Oxigraph
    ``FROM`` only picks graphs of the store, which is harmless). ``isolated`` says the query
    will run cut off from the network (:func:`run_limited` with ``isolate``): a query
    rdflib's parser rejects is then left to the engine, which gives its own syntax error (so
    it is on rdflib, ``from_fetches``, whose parser this is); otherwise such a query is
    refused, as it cannot be checked.

    >>> check_query("q", "SELECT * { SERVICE <http://evil/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    idm_graph.core.errors.QueryError: q: SERVICE makes the engine fetch from outside the data; ...
    """
    if allow_remote:
        return
    clauses = remote_clauses(sparql)
    if clauses is None:
        if isolated or from_fetches:  # cut off, or rdflib itself: it fails to parse it too
            return
        raise QueryError(label, "cannot be checked for SERVICE and FROM: rdflib's SPARQL 1.1 "
                                "parser rejects it (a syntax error?); pass --allow-remote to "
                                "send it as it is")
    found = [word for word in clauses if word == "SERVICE" or from_fetches]
    if found:
        what = " and ".join(found)
        raise QueryError(label, f"{what} makes the engine fetch from outside the data; "
                                "refused (pass --allow-remote to allow it)")
    check_patterns(label, sparql)


def check_patterns(label: str, sparql: str) -> None:
    """Refuse a query with a ``REGEX`` pattern that is not a regular expression (see
    :func:`bad_patterns`): the engine would keep no row and say nothing.
    """
    bad = bad_patterns(sparql)
    if bad:
        pattern, problem = bad[0]
        raise QueryError(label, f"REGEX pattern {pattern!r} is not a regular expression the "
                                f"engine can run: {problem}")


_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000


def isolate_network() -> bool:
    """Cut this process off from the network: a new network namespace (as root, or inside a
    new user namespace otherwise). Linux only; False where it cannot be done. Call it only in
    a child process that has a single thread (after ``fork``).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        unshare = libc.unshare
    except (OSError, AttributeError):
        return False
    return any(unshare(flags) == 0 for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET))


def run_limited(func: Callable[[], T], timeout: float | None, label: str, *,
                isolate: bool = False, unchecked: bool = False) -> T:
    """``func()`` in a forked child process, stopped after ``timeout`` seconds.

    The child returns its value (or the :class:`~idm_graph.core.errors.IdmGraphError` it raised)
    through a pipe, and dies with this process (``PR_SET_PDEATHSIG``). With ``isolate`` the
    child first cuts itself off from the network (:func:`isolate_network`); a query that
    could not be checked (``unchecked``) is then refused if the isolation failed. Without
    ``fork`` (not Linux), or with neither a timeout nor ``isolate``, ``func`` runs here.

    >>> run_limited(lambda: 6 * 7, 5, "answer")
    42
    >>> import time
    >>> run_limited(lambda: time.sleep(10), 0.5, "slow")
    Traceback (most recent call last):
    ...
    idm_graph.core.errors.QueryError: slow: stopped after 0.5 s (the time limit; ...
    """
    if "fork" not in multiprocessing.get_all_start_methods() or not (timeout or isolate):
        if unchecked:
            raise QueryError(label, "cannot be checked for SERVICE: rdflib's SPARQL 1.1 parser "
                                    "rejects it, and this system cannot run it cut off from "
                                    "the network; pass --allow-remote to run it as it is")
        return func()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(func, send, label, isolate, unchecked),
                            daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout or None):
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


def _child(func: Callable[[], Any], send: Any, label: str, isolate: bool,
           unchecked: bool) -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: die with the parent, even kill -9
    except (OSError, AttributeError):
        pass
    try:
        if isolate and not isolate_network() and unchecked:
            raise QueryError(label, "cannot be checked for SERVICE: rdflib's SPARQL 1.1 parser "
                                    "rejects it, and this system cannot run it cut off from "
                                    "the network; pass --allow-remote to run it as it is")
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
