"""Table and column descriptions, read from docs/schema.md and the comments of sql/schema/*.sql.

docs/schema.md has one ``### table`` heading per table: the paragraph under it describes the
table and a ``| column | type | description |`` markdown table its columns. A column table
before the first heading under the title describes columns shared by several tables (the
provenance columns). In the SQL files, a comment at the end of a column line (``col TYPE, -- text``,
also in ``ALTER TABLE t ADD COLUMN``) describes the column, and comment lines right above a
``CREATE TABLE`` describe the table. The markdown wins; the SQL comments fill what it lacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class TableDoc:
    description: str = ""
    columns: dict[str, str] = field(default_factory=dict)


@dataclass
class SchemaDocs:
    tables: dict[str, TableDoc] = field(default_factory=dict)
    shared_columns: dict[str, str] = field(default_factory=dict)

    def table(self, name: str) -> TableDoc:
        return self.tables.get(name, TableDoc())

    def column(self, table: str, column: str) -> str | None:
        return self.table(table).columns.get(column) or self.shared_columns.get(column)


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TABLE_NAME = re.compile(r"^`?([A-Za-z_][A-Za-z0-9_]*)`?$")


def _cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells, current, in_code = [], "", False
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            current += "|"
            i += 2
            continue
        if ch == "`":
            in_code = not in_code
        if ch == "|" and not in_code:
            cells.append(current.strip())
            current = ""
        else:
            current += ch
        i += 1
    cells.append(current.strip())
    return cells


def plain(text: str) -> str:
    """Markdown inline text as plain text (code spans and emphasis marks dropped)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\s+", " ", text.replace("`", "").replace("**", "")).strip()


def _standalone(text: str) -> str:
    """A table description without sentences that point elsewhere in the document."""
    sentences = re.split(r"(?<=\.)\s+", text)
    return " ".join(x for x in sentences if not re.search(r"\bas above\b", x, re.I))


def parse_markdown(text: str) -> SchemaDocs:
    docs = SchemaDocs()
    current: str | None = None
    preamble = True  # before the first heading below the title: shared columns
    paragraph: list[str] = []
    header: list[str] | None = None
    for raw in text.splitlines() + [""]:
        line = raw.strip()
        heading = _HEADING.match(line)
        if heading:
            level, title = len(heading.group(1)), heading.group(2)
            m = _TABLE_NAME.match(title)
            current = m.group(1) if level == 3 and m else None
            preamble = preamble and level == 1
            if current is not None:
                docs.tables.setdefault(current, TableDoc())
            header, paragraph = None, []
            continue
        if line.startswith("|"):
            cells = [c.lower() for c in _cells(line)]
            if header is None:
                header = cells
                continue
            if _SEPARATOR.match(line):
                continue
            if "column" not in header or "description" not in header:
                continue
            values = _cells(line)
            col = plain(values[header.index("column")]) if len(values) > 0 else ""
            desc = values[header.index("description")] if len(values) > header.index(
                "description") else ""
            if not col:
                continue
            if current is not None:
                docs.tables[current].columns.setdefault(col, plain(desc))
            elif preamble:
                docs.shared_columns.setdefault(col, plain(desc))
            continue
        header = None
        if current is None:
            continue
        if line:
            paragraph.append(line)
        elif paragraph:
            doc = docs.tables[current]
            if not doc.description:
                doc.description = _standalone(plain(" ".join(paragraph)))
            paragraph = []
    return docs


_CREATE = re.compile(r"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?\"?(\w+)\"?", re.I)
_ALTER = re.compile(r"^\s*ALTER\s+TABLE\s+\"?(\w+)\"?\s+ADD\s+(?:COLUMN\s+)?\"?(\w+)\"?"
                    r"[^;]*;?\s*(?:--\s*(.*))?$", re.I)
_COLUMN = re.compile(r"^\s*\"?(\w+)\"?\s+[A-Za-z][^-]*?(?:--\s*(.*))?$")
_CONSTRAINT = {"primary", "foreign", "unique", "check", "constraint"}


def parse_sql(text: str, docs: SchemaDocs | None = None) -> SchemaDocs:
    docs = docs if docs is not None else SchemaDocs()
    table: str | None = None
    comment: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if table is None:
            if stripped.startswith("--"):
                comment.append(stripped[2:].strip())
                continue
            m = _CREATE.match(line)
            if m:
                table = m.group(1)
                doc = docs.tables.setdefault(table, TableDoc())
                described = " ".join(c for c in comment if c).strip(" .")
                if described and not doc.description:
                    doc.description = described[0].upper() + described[1:] + "."
                comment = []
                continue
            a = _ALTER.match(line)
            if a and a.group(3):
                docs.tables.setdefault(a.group(1), TableDoc()).columns.setdefault(
                    a.group(2), a.group(3).strip())
            comment = []
            continue
        if stripped.startswith(")"):
            table = None
            comment = []
            continue
        m = _COLUMN.match(line)
        if m and m.group(1).lower() not in _CONSTRAINT and m.group(2):
            docs.tables[table].columns.setdefault(m.group(1), m.group(2).strip())
    return docs


def merge(primary: SchemaDocs, fallback: SchemaDocs) -> SchemaDocs:
    out = SchemaDocs(shared_columns=dict(fallback.shared_columns))
    out.shared_columns.update(primary.shared_columns)
    for name in list(fallback.tables) + [t for t in primary.tables if t not in fallback.tables]:
        p, f = primary.table(name), fallback.table(name)
        out.tables[name] = TableDoc(p.description or f.description, {**f.columns, **p.columns})
    return out


def load(markdown: Path | None, sql_files: Iterable[Path]) -> SchemaDocs:
    """The docs of docs/schema.md (if it exists) filled in from the SQL comments."""
    from_sql = SchemaDocs()
    for path in sorted(sql_files):
        parse_sql(path.read_text(encoding="utf-8"), from_sql)
    if markdown is not None and markdown.is_file():
        return merge(parse_markdown(markdown.read_text(encoding="utf-8")), from_sql)
    return from_sql
