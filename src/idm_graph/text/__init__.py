"""Reading text: a source file (markdown, text, PDF, HTML) becomes a Document of
blocks and sentences whose every character keeps its offset in the source.
"""
