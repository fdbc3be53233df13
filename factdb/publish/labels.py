"""Human labels of the tables and columns, for the Datasette metadata.

A label is what a reader calls the thing ("Publication date", not ``published_on``). The
tables and the columns people meet first have a label written here; any other name gets
one by rule: words split at underscores, known abbreviations spelled out (``id`` -> ID,
``char`` -> character), an ``is_`` flag read as a question. So a column added by a later
migration is labelled too, and its description still comes from factdb/sql/schema.md.
"""

from __future__ import annotations

TABLE_LABELS = {
    "articles": "Articles",
    "article_versions": "Article versions",
    "sentences": "Sentences",
    "entities": "Entities (people, organisations, places)",
    "entity_mentions": "Entity mentions",
    "entity_references": "References to entities (pronouns, descriptions)",
    "entity_judgements": "Entity merge and split judgements",
    "dates": "Dates",
    "counts": "Counts (reported numbers)",
    "claims": "Claims (who said what)",
    "claim_groups": "Claim groups (the same claim in several articles)",
    "events": "Events",
    "event_mentions": "Event mentions",
    "event_participants": "Event participants",
    "fact_groups": "Fact groups (the same fact in several articles)",
    "disagreements": "Disagreements between sources",
    "disagreement_sides": "Sides of each disagreement",
    "extraction_runs": "Extraction runs (loads)",
    "schema_migrations": "Schema migrations applied",
    "answer_builds": "Answer tables built",
    "search_sentences": "Sentence search",
}

COLUMN_LABELS = {
    "article_id": "Article",
    "sentence_id": "Sentence",
    "entity_id": "Entity",
    "event_id": "Event",
    "run_id": "Extraction run",
    "char_start": "Starts at (character)",
    "char_end": "Ends before (character)",
    "quote": "Quote (exact text)",
    "extractor": "Extracted by (rule)",
    "confidence": "Confidence (0 to 1)",
    "confidence_reason": "Why this confidence",
    "outlet": "Outlet",
    "outlet_basis": "Outlet from",
    "url": "URL",
    "source_uri": "Source file",
    "title": "Title",
    "text": "Text",
    "published_on": "Publication date",
    "published_basis": "Publication date from",
    "citations": "Citations",
    "sides": "Sides and their citations",
    "speaker": "Speaker",
    "speaker_entity_id": "Speaker (entity)",
    "cue": "Reporting verb",
    "content": "What was said",
    "is_direct_quote": "Direct quotation?",
    "value": "Number",
    "value_low": "Lowest number",
    "value_high": "Highest number",
    "qualifier": "Qualifier (more than, about, ...)",
    "unit": "Unit (what is counted)",
    "place": "Place",
    "window_start": "Period from",
    "window_end": "Period to",
    "anchor_event_id": "Relative to event",
    "value_start": "Date from",
    "value_end": "Date to",
    "granularity": "Precision",
    "basis": "Resolved by",
    "role": "Role in the article",
    "seq": "Position",
    "paragraph": "Paragraph",
    "label": "Label",
    "name": "Name",
    "aliases": "Other names",
    "entity_type": "Type",
    "event_type": "Event type",
    "date_start": "From",
    "date_end": "To",
    "location_entity_id": "Location (entity)",
    "mention_count": "Mentions",
    "article_count": "Articles",
    "outlet_count": "Outlets",
    "group_id": "Fact group",
    "claim_group_id": "Claim group",
    "entities": "Entities mentioned",
}

_WORDS = {"id": "ID", "ids": "IDs", "char": "character", "url": "URL", "sha256": "SHA-256",
          "json": "JSON", "uri": "URI", "pos": "part of speech", "seq": "position",
          "desc": "description"}


def table_label(name: str) -> str:
    """The human label of a table."""
    return TABLE_LABELS.get(name) or _by_rule(name.removeprefix("answers_"),
                                              "Answers: " if name.startswith("answers_") else "")


def column_label(name: str) -> str:
    """The human label of a column."""
    return COLUMN_LABELS.get(name) or _by_rule(name)


def _by_rule(name: str, prefix: str = "") -> str:
    words = [w for w in name.split("_") if w]
    question = words[:1] == ["is"] and len(words) > 1
    if question:
        words = words[1:]
    text = " ".join(_WORDS.get(w, w) for w in words) or name
    text = prefix + text if prefix else text[:1].upper() + text[1:]
    return text + "?" if question else text
