"""Queries and stores: the data sources a query runs on (files, folders, Oxigraph
stores, SPARQL endpoints), the named-query library and its answers.
"""
