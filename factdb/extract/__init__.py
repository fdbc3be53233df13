"""Per-article extraction. Each extractor turns one article into fact rows with provenance.

An extractor is a callable ``(ArticleContext) -> dict[table, list[row]]``. Rows carry the
provenance columns; ``factdb.extract.provenance`` builds them and checks that the quote is
exactly the text at the offsets, so that a fact that cannot be grounded is never stored.
"""
