"""The build: documents → facts → graph → checked files, for one document or a
corpus, and the audit of a build against its sources.
"""
