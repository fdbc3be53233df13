"""Language knowledge: pure functions and vocabularies over strings.

Nothing here sees an article, a spaCy document or the database; extract/ and resolve/
both build on it, and it imports nothing else from factdb (except errors).
"""
