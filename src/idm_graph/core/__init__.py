"""The ground floor: what every other floor names. Errors, keys (every resource's
key is built here), the fact types extraction hands to the encoder, the registry of
formats, the vocabulary's namespaces, the package's files, the query guard and the
limits of child processes. It imports nothing of the package above it.
"""
