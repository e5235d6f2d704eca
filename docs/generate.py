"""Generate the ontology documentation into docs/ (run by ``make docs``).

- ``docs/ontology.html``: pyLODE's OntPub profile on ``ontology/idm.ttl``;
- ``docs/vocabularies.md``: the GCM objectives, the frameworks and the themes, from
  ``ontology/gcm.ttl`` and ``ontology/themes.ttl`` (pyLODE's VocPub profile documents one
  concept scheme per file, and gcm.ttl holds two).

Both are deterministic (pyLODE runs with ``PYTHONHASHSEED=0``), so a test can regenerate them
and check that the committed copies are current.

    python docs/generate.py [OUTPUT_DIR]
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

ROOT = Path(__file__).resolve().parent.parent
GCM = "https://w3id.org/idm-graph/gcm/"
THEME = "https://w3id.org/idm-graph/theme/"


def for_pylode(source: Path) -> Graph:
    """The ontology as pyLODE should document it: the ontology alone, in English.

    pyLODE's OntPub profile documents one ontology; given the concept schemes that
    ``idm.ttl`` also holds (contribution kinds, organisation kinds, methods…), it took its
    title and metadata IRI from them and glued the English and French labels of each term
    ("panelpanel"). This copy keeps the English labels and comments (the French ones stay in
    ``idm.ttl``) and leaves the schemes and their concepts out (they are in
    ``docs/vocabularies.md``).
    """
    from rdflib.namespace import RDFS

    graph = Graph().parse(source, format="turtle")
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    concepts = set(graph.subjects(SKOS.inScheme, None)) | schemes
    for s, p, o in graph:
        if s in concepts or (isinstance(o, URIRef) and o in schemes and p != RDFS.seeAlso):
            continue
        if isinstance(o, Literal) and o.language not in (None, "en"):
            continue
        out.add((s, p, o))
    return out


def ontology_html(out: Path) -> Path:
    """Run pyLODE on the ontology."""
    import tempfile

    target = out / "ontology.html"
    pylode = Path(sys.executable).parent / "pylode"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "idm.ttl"
        for_pylode(ROOT / "ontology" / "idm.ttl").serialize(source, format="turtle")
        subprocess.run([str(pylode), str(source), "-o", str(target)],
                       check=True, env=env, capture_output=True)
    return target


def _label(graph: Graph, node: URIRef, lang: str) -> str:
    for label in graph.objects(node, SKOS.prefLabel):
        if isinstance(label, Literal) and label.language == lang:
            return str(label).replace("|", "\\|")
    return ""


def vocabularies_md(out: Path) -> Path:
    """The GCM objectives, frameworks and themes as Markdown tables."""
    gcm = Graph().parse(ROOT / "ontology" / "gcm.ttl", format="turtle")
    themes = Graph().parse(ROOT / "ontology" / "themes.ttl", format="turtle")
    lines = ["# Vocabularies", "",
             "Generated from `ontology/gcm.ttl` and `ontology/themes.ttl` by "
             "`docs/generate.py` (`make docs`). Do not edit by hand.", "",
             "## GCM objectives (`gcm:objectives`)", "",
             "| IRI | notation | English title | French title | note |", "|---|---|---|---|---|"]
    objectives = sorted(gcm.subjects(SKOS.inScheme, URIRef(GCM + "objectives")),
                        key=lambda n: int(str(gcm.value(n, SKOS.notation))))
    for node in objectives:
        note = gcm.value(node, SKOS.editorialNote)
        lines.append(f"| `gcm:{str(node)[len(GCM):]}` | {gcm.value(node, SKOS.notation)} | "
                     f"{_label(gcm, node, 'en')} | {_label(gcm, node, 'fr')} | "
                     f"{str(note) if note else ''} |")
    lines += ["", "## Frameworks (`gcm:frameworks`)", "",
              "| IRI | English | French |", "|---|---|---|"]
    for node in sorted(gcm.subjects(SKOS.inScheme, URIRef(GCM + "frameworks")), key=str):
        lines.append(f"| `gcm:{str(node)[len(GCM):]}` | {_label(gcm, node, 'en')} | "
                     f"{_label(gcm, node, 'fr')} |")
    lines += ["", "## Themes (`theme:themes`)", "",
              "| IRI | English | French | related GCM objectives | matched stems |",
              "|---|---|---|---|---|"]
    for node in sorted(themes.subjects(SKOS.inScheme, URIRef(THEME + "themes")), key=str):
        related = sorted(int(str(o).rsplit("-", 1)[1]) for o in themes.objects(node,
                                                                              SKOS.related))
        stems = sorted(str(s) for s in themes.objects(node, SKOS.hiddenLabel))
        lines.append(f"| `theme:{str(node)[len(THEME):]}` | {_label(themes, node, 'en')} | "
                     f"{_label(themes, node, 'fr')} | {', '.join(map(str, related))} | "
                     f"{', '.join(stems)} |")
    ontology = Graph().parse(ROOT / "ontology" / "idm.ttl", format="turtle")
    lines += ["", "## Kinds (the concept schemes of `ontology/idm.ttl`)", "",
              "| scheme | IRI | English | French |", "|---|---|---|---|"]
    for scheme in sorted(ontology.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        name = _label(ontology, scheme, "en")
        for node in sorted(ontology.subjects(SKOS.inScheme, scheme), key=str):
            lines.append(f"| {name} | `kind:{str(node).rsplit('/', 1)[-1]}` | "
                         f"{_label(ontology, node, 'en')} | {_label(ontology, node, 'fr')} |")
    target = out / "vocabularies.md"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def main() -> None:
    """Write both files into ``docs/`` or the directory given."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    for path in (ontology_html(out), vocabularies_md(out)):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
