"""Corpus-wide resolution, run inside the load transaction."""
