"""factdb: a provenance-aware structured fact database for news articles."""

__version__ = "0.1.0"
