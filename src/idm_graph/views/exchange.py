"""Network files for other tools: GraphML and GEXF (Gephi, Cytoscape, yEd) and CSV lists.

Attributes are typed (strings, integers) and empty values are left out, as Gephi expects.

>>> import networkx as nx, tempfile, pathlib
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", label="A", evidence=2, role="")
>>> g.add_edge("a", "b", key="schema:about", predicate="schema:about", basis="explicit")
'schema:about'
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
>>> _ = write_network(g, path, "graphml")
>>> back = nx.read_graphml(path, force_multigraph=True)
>>> sorted(back.nodes["a"].items())
[('evidence', 2), ('label', 'A')]
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from idm_graph.core.errors import FormatError
from idm_graph.core.formats import NETWORK
from idm_graph.graph.export import write_atomic

__all__ = ["NETWORK_FORMATS", "WRITERS", "clean_for_export", "write_network"]

NETWORK_FORMATS = NETWORK


def clean_for_export(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy without empty, ``None`` or list attributes (Gephi rejects empty typed values;
    network formats hold scalars).
    """
    out = nx.MultiDiGraph(**{k: v for k, v in graph.graph.items() if _keep(v)})
    out.graph["name"] = f"idm-graph {graph.graph.get('view', 'view')}"
    for node in sorted(graph.nodes):
        out.add_node(node, **{k: v for k, v in sorted(graph.nodes[node].items()) if _keep(v)})
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        out.add_edge(source, target, key=key,
                     **{k: v for k, v in sorted(data.items()) if _keep(v)})
    return out


def _keep(value: Any) -> bool:
    """Scalar, non-empty values (the evidence list drawn in the HTML views stays there)."""
    return value is not None and value != "" and not isinstance(value, list | dict)


def _graphml(graph: nx.MultiDiGraph, path: Path) -> list[Path]:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, named_key_ids=True, edge_id_from_attribute=None)
    write_atomic(path, buffer.getvalue())
    return [path]


def _gexf(graph: nx.MultiDiGraph, path: Path) -> list[Path]:
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer)
    write_atomic(path, buffer.getvalue())
    return [path]


def _csv(graph: nx.MultiDiGraph, path: Path) -> list[Path]:
    attrs = sorted({k for _, d in graph.nodes(data=True) for k in d})
    nodes = io.StringIO()
    writer = csv.writer(nodes, lineterminator="\n")
    writer.writerow(["id", *attrs])
    for node, data in graph.nodes(data=True):
        writer.writerow([node, *(data.get(a, "") for a in attrs)])
    edges = io.StringIO()
    writer = csv.writer(edges, lineterminator="\n")
    writer.writerow(["source", "target", "predicate", "basis"])
    for source, target, key, data in graph.edges(keys=True, data=True):
        writer.writerow([source, target, key, data.get("basis", "")])
    edge_path = path.with_name(f"{path.stem}.edges.csv")
    write_atomic(path, nodes.getvalue().encode("utf-8"))
    write_atomic(edge_path, edges.getvalue().encode("utf-8"))
    return [path, edge_path]


#: The writer of each network format of :data:`idm_graph.core.formats.NETWORK` (a test checks
#: that the two name the same formats).
WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path], list[Path]]] = {
    "graphml": _graphml, "gexf": _gexf, "csv": _csv}


def write_network(graph: nx.MultiDiGraph, path: Path, fmt: str) -> list[Path]:
    """Write ``graph`` as ``graphml``, ``gexf`` or ``csv`` (``path`` names the node list,
    ``<stem>.edges.csv`` the edge list); return the files written.
    """
    writer = WRITERS.get(fmt)
    if writer is None:
        raise FormatError(fmt, f"unknown network format; choose one of {', '.join(NETWORK)}")
    return writer(clean_for_export(graph), path)
