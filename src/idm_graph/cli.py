"""The ``idm-graph`` command line: a thin layer over the library.

Every command has ``--help``; bad input gives one line naming the input and the problem, and
exit status 1 (never a traceback). Heavy libraries are imported inside the commands, so
``idm-graph --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from idm_graph import __version__
from idm_graph.core import formats
from idm_graph.core.errors import IdmGraphError
from idm_graph.core.sources import DataSource

__all__ = ["cli", "main"]

F = TypeVar("F", bound=Callable[..., Any])
_DATA_HELP = ("Graph file (.ttl, .trig, .jsonld, .nt, .nq), build directory, or "
              "oxigraph:PATH (an Oxigraph store) [default: out/, or a fresh build of the "
              "bundled document if out/ has none]")


def _errors(func: F) -> F:
    """One line and exit 1 for an error the user can fix; SIGTERM and SIGHUP stop a command
    as Ctrl-C does (its cleanup runs: staging folders, child processes, temporary stores).
    """
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import signal

        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, _stop)
        try:
            return func(*args, **kwargs)
        except IdmGraphError as exc:
            click.echo(f"idm-graph: error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("idm-graph: interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _data(data: Path | None, endpoint: str | None = None) -> DataSource:
    """The data source a command works on: ``--endpoint``, ``--data``, ``out/`` if it holds
    a build, else a fresh in-memory build of the bundled document.
    """
    from idm_graph.querying.data import open_source

    if endpoint is not None and data is not None:
        raise click.UsageError("give --data or --endpoint, not both")
    if endpoint is not None or data is not None:
        return open_source(data, endpoint=endpoint)
    default = Path("out")
    if (default / "idm.trig").is_file():
        return open_source(default)
    from idm_graph.pipeline.build import build

    return build().store()


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", param_hint="--param")
        params[name.strip()] = text
    return params


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="idm-graph")
def cli() -> None:
    """Knowledge graphs of IOM International Dialogue on Migration summaries.

    Build the graph of a summary (French or English), validate it with SHACL, ask it
    SPARQL questions, export it, and explore it in offline HTML views.
    """


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Output directory.")
@click.option("--base", default=None, help="Base IRI of the resources "
              "[default: https://w3id.org/idm-graph/id/].")
@click.option("--curation", type=click.Path(path_type=Path), default=None,
              help="Curation file or directory [default: data/curation beside the sources].")
@click.option("--no-curation", is_flag=True, help="Extracted facts only.")
@click.option("--no-views", is_flag=True, help="Skip the HTML views.")
@click.option("--without", multiple=True, type=click.Choice(formats.OPTIONAL),
              help="Do not write this graph file (repeatable); Turtle, and N-Quads for a "
                   "corpus, are always written.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the view labels.")
@click.option("--store", default=None, metavar="oxigraph:PATH",
              help="Build into an on-disk Oxigraph store (for corpora; replaces its content).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes for corpora [default: the cores, at most 2].")
@click.option("--skip-validation", is_flag=True,
              help="Do not run SHACL (it runs by default; skip only for timing or trusted "
                   "rebuilds).")
@click.option("--no-model", is_flag=True,
              help="Rules and gazetteers only: do not load the statistical NER model (saves "
                   "about 3 s per process; names with only a speech verb are then missed).")
@_errors
def build(sources: tuple[Path, ...], out: Path, base: str | None, curation: Path | None,
          no_curation: bool, no_views: bool, without: tuple[str, ...], lang: str,
          store: str | None, workers: int | None, skip_validation: bool,
          no_model: bool) -> None:
    """Build the graph of SOURCES (.md, .txt, .pdf, .html files or directories; default:
    the bundled IDM 2021 second-session summary) and write it to --out.
    """
    import os

    from idm_graph.api import build as run
    from idm_graph.core.vocab import BASE
    from idm_graph.pipeline.build import skipped_files

    if no_model:
        os.environ["IDM_GRAPH_NER"] = "off"  # read by extract.ner, here and in the workers

    chosen: bool | Path = False if no_curation else (curation or True)
    with _Progress(sources) as progress:
        result = run(list(sources) or None, out=out, base=base or BASE, curation=chosen,
                     views=not no_views, lang=lang, store=store, workers=workers,
                     check=not skip_validation, progress=progress, stage=progress.stage,
                     without=without)
    shacl = result.report.status + (" (--skip-validation)" if skip_validation else "")
    click.echo(f"built {len(result.documents)} document(s): {result.quads} quads, "
               f"SHACL: {shacl}")
    several = len(result.documents) > 1
    for kind, count in result.counts().items():
        summed = result.entity_sums.get(kind, count)
        more = f"  ({summed} summed over the documents)" if several and summed != count else ""
        click.echo(f"  {kind:<16} {count}{more}")
    if result.curated_count:
        click.echo(f"  {'curated facts':<16} {result.curated_count}")
    if len(result.documents) > 1:
        click.echo(f"  {'merged resources':<16} {len(result.merges)} (see merge-audit.csv)")
    counts = result.counts()
    if not any(counts.get(kind) for kind in ("DialogueSession", "Panel", "Person")):
        click.echo("note: no session, panel or person was recognised; the graph holds only "
                   "the document's provenance", err=True)
    elif result.empty:
        shown = ", ".join(result.empty[:8]) + (" …" if len(result.empty) > 8 else "")
        click.echo(f"note: {len(result.empty)} document(s) gave no session, panel or person "
                   f"(not summaries?): {shown}", err=True)
    skipped = skipped_files(list(sources))
    if skipped:
        shown = ", ".join(p.name for p in skipped[:8]) + (" …" if len(skipped) > 8 else "")
        click.echo(f"note: skipped {len(skipped)} file(s) that are not documents (.md, .txt, "
                   f".pdf, .html): {shown}", err=True)
    click.echo("outputs:")
    for path in result.files:
        click.echo(f"  {path}")
    for note in result.notes:
        click.echo(f"note: {note}", err=True)


@cli.command()
@click.argument("source", type=click.Path(path_type=Path), required=False)
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@click.option("--explain", is_flag=True,
              help="For each fact, how it was found (rule, model, gazetteer) and every piece "
                   "of evidence: sentence id, offsets, quote.")
@_errors
def extract(source: Path | None, as_json: bool, explain: bool) -> None:
    """Print the entities extracted from SOURCE (default: the bundled document)."""
    import json

    from idm_graph.core.resources import default_source
    from idm_graph.extract import extract as run
    from idm_graph.graph.encode import methods
    from idm_graph.text.document import load_document

    document = load_document(source or default_source())
    facts = run(document)
    if explain:
        for entity in facts.entities.values():
            label = (entity.labels.get(document.language) or entity.attrs.get("name")
                     or next(iter(entity.labels.values()), "") or entity.attrs.get("term")
                     or entity.key)
            label = " ".join(str(label).split())
            click.echo(f"{entity.kind} {label!r} [{entity.key}] — found by "
                       f"{' + '.join(methods(entity, entity.basis))}")
            for evidence in entity.evidence:
                quote = " ".join(document.text[evidence.start : evidence.end].split())
                quote = quote if len(quote) <= 110 else quote[:109] + "…"
                click.echo(f"    {evidence.sentence or '-'} [{evidence.start}:{evidence.end}] "
                           f"{quote!r}")
        click.echo(f"({len(facts.entities)} facts from {document.key})")
        return
    rows: list[dict[str, Any]] = []
    for entity in facts.entities.values():
        label = (entity.labels.get(document.language) or next(iter(entity.labels.values()), "")
                 or entity.attrs.get("name") or entity.attrs.get("text", ""))
        detail = {k: v for k, v in entity.attrs.items() if k not in ("text", "sentences")}
        ev = entity.evidence[0] if entity.evidence else None
        rows.append({"kind": entity.kind, "key": entity.key, "label": str(label),
                     "attributes": detail, "evidence": len(entity.evidence),
                     "first_quote": document.text[ev.start : ev.end] if ev else "",
                     "start": ev.start if ev else None, "end": ev.end if ev else None})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    width = max(len(r["kind"]) for r in rows) if rows else 4
    for row in rows:
        label = " ".join(row["label"].split())
        label = label if len(label) <= 70 else label[:69] + "…"
        extra = ", ".join(f"{k}={v}" for k, v in row["attributes"].items()
                          if k in ("role", "honorific", "kind", "iso3", "number", "acronym"))
        click.echo(f"{row['kind']:<{width}}  {label}" + (f"  [{extra}]" if extra else ""))
    click.echo(f"({len(rows)} entities from {document.key})")


@cli.command()
@click.argument("name")
@click.option("--data", type=click.Path(path_type=Path), default=None, help=_DATA_HELP)
@click.option("--endpoint", default=None, help="SPARQL 1.1 endpoint URL instead of --data.")
@click.option("--format", "fmt", type=click.Choice(formats.RESULTS),
              default="table", show_default=True,
              help="Rows: table (terminal), csv (spreadsheets), json (SPARQL 1.1 Query Results "
                   "JSON). ASK prints true or false; CONSTRUCT and DESCRIBE print Turtle "
                   "(table, turtle) or N-Triples.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter, e.g. --param objective=19 (repeatable).")
@click.option("--timeout", type=click.FloatRange(0), default=60.0, show_default=True,
              help="Stop the query after this many seconds (0: no limit).")
@click.option("--allow-remote", is_flag=True,
              help="Let SERVICE (and FROM on a remote engine) fetch from outside the data; "
                   "refused by default.")
@_errors
def query(name: str, data: Path | None, endpoint: str | None, fmt: str,
          params: tuple[str, ...], timeout: float, allow_remote: bool) -> None:
    """Run the named query NAME (see 'idm-graph queries'), a FILE.rq, or SPARQL text:
    SELECT, ASK, CONSTRUCT or DESCRIBE.

    Local data is queried with Oxigraph (the union of the named graphs; FROM picks graphs of
    the data, it never fetches); --endpoint sends the query to the server.
    """
    from idm_graph.querying.remote import SparqlEndpoint
    from idm_graph.querying.sparql import Result, format_answer, query

    store = _data(data, endpoint)
    if isinstance(store, SparqlEndpoint):
        store.timeout = timeout or store.timeout
    result = query(store, name, _params(params), allow_remote=allow_remote,
                    timeout=None if isinstance(store, SparqlEndpoint) else timeout or None)
    click.echo(format_answer(result, fmt), nl=False)
    if isinstance(store, SparqlEndpoint) and isinstance(result, Result) and not result.rows \
            and store.reads_named_graphs_only():
        click.echo(f"note: {endpoint} answers queries from its default graph, which is empty; "
                   "the data is in named graphs (start Oxigraph with --union-default-graph, "
                   "or use GRAPH in the query)", err=True)


@cli.command()
@_errors
def queries() -> None:
    """List the named queries with the question each answers."""
    from idm_graph.querying.sparql import named_queries

    for name, named in named_queries().items():
        params = ", ".join(f"{p}={default or 'VALUE'}" for p, (_, default) in
                           named.params.items())
        params = f" [{params}]" if params else ""
        click.echo(f"{name}{params}\n    {named.question}")


@cli.command()
@click.option("--data", type=click.Path(path_type=Path), default=None, help=_DATA_HELP)
@click.option("--endpoint", default=None, help="SPARQL 1.1 endpoint URL instead of --data.")
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql",
              show_default=True, help="sparql: the shapes compiled to SPARQL and run on "
              "Oxigraph, as builds do (one line per focus node and path); pyshacl: pySHACL's "
              "full report (one line per value, its own messages), slower.")
@_errors
def validate(data: Path | None, endpoint: str | None, engine: str) -> None:
    """Validate a graph against the SHACL shapes (focus node, path and message per
    violation).
    """
    from idm_graph.graph import checks, shacl
    from idm_graph.querying.store import OXIGRAPH, OxigraphStore, resolve_data

    if engine == "sparql" and data is not None and not str(data).startswith(OXIGRAPH):
        report = checks.validate_path(resolve_data(data))  # Oxigraph reads the file itself
    else:
        source = _data(data, endpoint)
        if engine == "pyshacl":
            report = shacl.validate(source.dataset())
        elif isinstance(source, OxigraphStore):
            report = checks.run(source.pyoxigraph, union=False)
        else:
            report = checks.validate_nquads(source.nquads())
    if report.conforms:
        click.echo("conforms: the graph satisfies every SHACL shape")
        return
    click.echo(report.text(), err=True)
    click.echo(f"idm-graph: error: {data or 'graph'}: {len(report.violations)} SHACL "
               "violation(s)", err=True)
    sys.exit(1)


@cli.command()
@click.option("--format", "fmt", type=click.Choice([*formats.RDF, *formats.NETWORK]),
              required=True, help="An RDF format, or a network format of one view "
              "(graphml and gexf for Gephi, csv node and edge lists).")
@click.option("--data", type=click.Path(path_type=Path), default=None, help=_DATA_HELP)
@click.option("--endpoint", default=None, help="SPARQL 1.1 endpoint URL instead of --data.")
@click.option("--view", default="full", show_default=True,
              help="The view to export, for graphml, gexf and csv.")
@click.option("--focus", default=None, help="For --view ego: a node id, IRI or label.")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="Output file, - for standard output [default: standard output; a file is "
                   "required for csv].")
@_errors
def export(fmt: str, data: Path | None, endpoint: str | None, view: str,
           focus: str | None, out: Path | None) -> None:
    """Export the graph in another RDF format (deterministic, round-trips), or one view as
    a network file for Gephi and other tools.
    """
    from idm_graph.core.formats import NETWORK
    from idm_graph.graph.export import STDOUT, write_atomic

    if fmt in NETWORK:
        from idm_graph.views.exchange import write_network
        from idm_graph.views.project import project

        if out is None or (out == STDOUT and fmt == "csv"):
            raise click.UsageError(f"--out FILE is required for --format {fmt}")
        store = _data(data, endpoint)
        for path in write_network(project(store, view, focus=focus), out, fmt):
            click.echo(f"wrote {path}", err=out == STDOUT)
        return
    from idm_graph.graph.export import from_nquads

    payload = from_nquads(_data(data, endpoint).nquads(), fmt)
    if out is None or out == STDOUT:
        sys.stdout.buffer.write(payload)
    else:
        write_atomic(out, payload)
        click.echo(f"wrote {out}")


@cli.command()
@click.argument("view")
@click.option("--data", type=click.Path(path_type=Path), default=None, help=_DATA_HELP)
@click.option("--endpoint", default=None, help="SPARQL 1.1 endpoint URL instead of --data.")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="Output HTML file, - for standard output [default: out/views/VIEW.html].")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@click.option("--focus", default=None, help="For the ego view: a node id, IRI or label.")
@_errors
def viz(view: str, data: Path | None, endpoint: str | None, out: Path | None, lang: str,
        focus: str | None) -> None:
    """Draw VIEW (speakers-themes, objectives, actors, full, or ego with --focus) as an
    offline HTML page.
    """
    from idm_graph.views.render import write_view

    if focus and view not in ("ego",):
        view = "ego" if view == "focus" else view
    store = _data(data, endpoint)
    target = out or Path("out") / "views" / f"{view}.html"
    path, nodes, edges = write_view(store, view, target, lang=lang, focus=focus)
    click.echo(f"wrote {path} ({nodes} nodes, {edges} edges)", err=str(path) == "-")


@cli.command()
@click.option("--data", type=click.Path(path_type=Path), default=None, help=_DATA_HELP)
@click.option("--endpoint", default=None, help="SPARQL 1.1 endpoint URL instead of --data.")
@click.option("--view", default="full", show_default=True, help="The view to analyse.")
@click.option("--top", default=15, show_default=True, help="Rows per table.")
@_errors
def stats(data: Path | None, endpoint: str | None, view: str, top: int) -> None:
    """Graph analytics: degree and betweenness centrality, actor co-panel network,
    communities.
    """
    from idm_graph.views.analytics import report

    store = _data(data, endpoint)
    click.echo(report(store, view=view, top=top), nl=False)


class _Progress:
    """A progress bar on standard error for corpus builds, and the steps of a long
    one-document build (over 256 KiB of input); silent when standard error is not a terminal.
    """

    def __init__(self, sources: tuple[Path, ...] = ()) -> None:
        import time

        self.bar: Any = None
        self.started = time.monotonic()
        size = sum(p.stat().st_size for p in sources if p.is_file())
        self.long = size > 256 * 1024 and sys.stderr.isatty()

    def stage(self, step: str) -> None:
        """Say which step a long build has reached, and the time so far."""
        import time

        if self.long:
            click.echo(f"[{time.monotonic() - self.started:5.1f} s] {step}…", err=True)

    def __enter__(self) -> _Progress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if total < 20 or not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="documents", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@cli.command()
@click.option("--endpoint", required=True, help="Graph Store endpoint URL (SPARQL 1.1 Graph "
              "Store HTTP Protocol), e.g. http://127.0.0.1:7878/store for Oxigraph.")
@click.option("--data", type=click.Path(path_type=Path), default=None, help=_DATA_HELP)
@click.option("--merge", is_flag=True, help="Add to the named graphs instead of replacing them.")
@click.option("--user", default=None, help="User name (HTTP digest auth, e.g. Virtuoso).")
@click.option("--password", default=None, envvar="IDM_GRAPH_PASSWORD", show_envvar=True,
              help="Password for --user; better given in the environment variable (a command "
                   "line shows in `ps`); asked for on a terminal when --user has none.")
@_errors
def push(endpoint: str, data: Path | None, merge: bool, user: str | None,
         password: str | None) -> None:
    """Send the graph to a triple store, one named graph per source (replace or merge)."""
    from idm_graph.querying.remote import push_dataset

    if user and password is None and sys.stdin.isatty():
        password = click.prompt(f"password for {user}", hide_input=True, default="",
                                show_default=False)
    auth = (user, password or "") if user else None
    sent = 0
    for graph, count, status in push_dataset(_data(data), endpoint, replace=not merge,
                                             auth=auth):
        name = "the default graph" if graph is None else f"<{graph}>"
        click.echo(f"{'merged' if merge else 'replaced'} {name}: {count} triples "
                   f"(HTTP {status})")
        sent += count
    if not sent:
        raise IdmGraphError(str(data or "graph"), "holds no triples; nothing was sent")


@cli.command()
@click.option("--data", type=click.Path(path_type=Path), default=None, help=_DATA_HELP)
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (keep 127.0.0.1 unless the graph is meant to be shared; "
                   "any other address prints a warning).")
@click.option("--timeout", type=click.FloatRange(0), default=60.0, show_default=True,
              help="Stop a query after this many seconds (0: no limit).")
@click.option("--max-answer-mb", type=click.IntRange(1), default=256, show_default=True,
              help="Stop an answer larger than this many MiB.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Queries answered at once (one process each).")
@click.option("--allow-remote", is_flag=True,
              help="Let queries use SERVICE (the server would fetch from other servers); "
                   "refused by default.")
@_errors
def serve(data: Path | None, port: int, host: str, timeout: float, max_answer_mb: int,
          workers: int, allow_remote: bool) -> None:
    """Serve the graph as a read-only SPARQL endpoint with a query page (Oxigraph, in worker
    processes cut off from the network, behind a server that refuses updates, foreign Host
    headers and SERVICE): queries at http://HOST:PORT/query, the query page at
    http://HOST:PORT/.
    """
    from idm_graph.interfaces.serve import serve_read_only

    serve_read_only(data, host=host, port=port, timeout=timeout, allow_remote=allow_remote,
                    max_answer=max_answer_mb * 2**20, workers=workers,
                    echo=click.echo, warn=lambda line: click.echo(line, err=True))


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="idm-graph")


if __name__ == "__main__":
    main()
