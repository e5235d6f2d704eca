"""Views: projections of the RDF graph to NetworkX, analytics, and offline pyvis HTML."""

__all__: list[str] = []
