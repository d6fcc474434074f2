"""Persistence: the engine and sessions (``db``), rows (``models``), queries (``repos``),
full-text search, the change feed, files, and schema creation and migrations.

Everything SQLite-specific is in ``db.py``; ``search.py`` and ``changes.py`` hold the
one place each where SQLite and PostgreSQL differ (FTS5 / tsvector, poll / NOTIFY).
"""
