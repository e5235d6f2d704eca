"""Interfaces other than the Python API and the CLI: the read-only SPARQL
endpoint with its query page (`serve`), and the synthetic corpus generator.
"""
