"""The graph: facts encoded as RDF against the ontology, checked (SHACL, by
pySHACL or the linear checker), written in every format, into an output
folder that is replaced whole or not at all.
"""
