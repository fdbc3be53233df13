"""Find source files and read them into SourceDoc records, one reader per format.

Every problem is an InputError that names the file and says what is wrong.
Text is normalised once, here, before any offset is taken: BOM removed, line
endings turned into "\\n", Unicode NFC, surrounding white space stripped.
"""

from __future__ import annotations

import json
import os
import stat
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from factdb.errors import InputError
from factdb.ingest.frontmatter import check_metadata, split_front_matter
from factdb.ingest.records import SourceDoc

SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".json": "json",
            ".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html"}


def discover(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Expand files and directories (walked recursively, sorted) into source files.

    Returns (files, notes): notes name files skipped in a directory walk, among them
    special files (FIFOs, devices, sockets), which are never opened: reading a FIFO would
    block the load for ever. A path that does not exist, or a named file of an unknown type,
    is an error.
    """
    files: list[Path] = []
    notes: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    child = Path(root) / name
                    special = special_kind(child)
                    if special:
                        notes.append(f"{child}: skipped, not a regular file ({special})")
                    elif child.suffix.lower() in SUFFIXES:
                        files.append(child)
                    else:
                        notes.append(f"{child}: skipped, not an article format "
                                     f"({', '.join(sorted(SUFFIXES))})")
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise InputError(path, f"unsupported file type '{path.suffix or '(none)'}'; "
                                 f"factdb reads {', '.join(sorted(SUFFIXES))}")
            files.append(path)
        elif path.exists():
            raise InputError(path, "not a regular file or directory "
                             f"({special_kind(path) or 'unknown kind'})")
        else:
            raise InputError(path, "no such file or directory")
    return files, notes


def special_kind(path: Path) -> str | None:
    """'FIFO', 'socket', 'device' for a special file (links followed), else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # missing or dangling: reported when it is read
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return None


def source_uri(path: Path, arg: str, root: str | None = None) -> str:
    """The name a source is stored under (articles.source_uri): never an absolute path.

    Relative to `root` (the FACTDB_SOURCE_ROOT setting) when the file lies under it, else
    relative to the parent of the command-line path it was found through, so a folder
    argument keeps its own name (`news/a.txt`) and a file argument is its name (`a.txt`).
    The same file loaded from any working directory gets the same name. Separators are '/'.
    """
    full = os.path.abspath(path)
    if root:
        base = os.path.abspath(root)
        if full == base or full.startswith(base.rstrip(os.sep) + os.sep):
            return Path(os.path.relpath(full, base)).as_posix()
    base = os.path.dirname(os.path.abspath(arg).rstrip(os.sep)) or os.sep
    return Path(os.path.relpath(full, base)).as_posix()


def normalise(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text).strip()


def read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # never open a FIFO or device: it can block
            raise InputError(path, "not a regular file "
                             f"({special_kind(path) or 'unknown kind'}); skipped")
        size = info.st_size
        if size > max_bytes:
            raise InputError(path, f"file is {size:,} bytes, over the limit of {max_bytes:,} "
                             "(set FACTDB_MAX_FILE_BYTES to raise it)")
        with path.open("rb") as fh:
            return fh.read(max_bytes + 1)
    except PermissionError as exc:
        raise InputError(path, "cannot be read: permission denied") from exc
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror or exc}") from exc


def decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise InputError(path, "file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(path, "file looks binary (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                         f"{exc.start}); convert it to UTF-8 first") from exc
    controls = sum(1 for ch in text[:8192] if unicodedata.category(ch) == "Cc"
                   and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise InputError(path, "file looks binary (too many control characters), not text")
    return text


def _require_text(doc: SourceDoc, where: str) -> SourceDoc:
    if not doc.text:
        raise InputError(where, "article has no text")
    return doc


#: What a reader yields: an article, or the problem of one item of a list (skipped alone).
Item = SourceDoc | InputError


def read_text(path: Path, raw: str, fmt: str, uri: str) -> Iterator[Item]:
    warnings: list[str] = []
    meta, body = split_front_matter(raw.lstrip("\ufeff").replace("\r\n", "\n"), str(path),
                                    warnings)
    yield _require_text(SourceDoc(source_uri=uri, source_format=fmt,
                                  text=normalise(body), problems=warnings, **_meta_fields(meta)),
                        str(path))


def _meta_fields(meta: dict[str, Any]) -> dict[str, Any]:
    return {"url": meta.get("url"), "outlet": meta.get("outlet"), "title": meta.get("title"),
            "published": meta.get("published"), "language": meta.get("language")}


def _from_object(obj: Any, where: str, fmt: str, uri: str) -> SourceDoc:
    if not isinstance(obj, dict):
        raise InputError(where, f"expected a JSON object with 'text', got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(where, "JSON object has no string field 'text'")
    warnings: list[str] = []
    meta = check_metadata(obj, where, warnings)
    return _require_text(SourceDoc(source_uri=uri, source_format=fmt, text=normalise(text),
                                   problems=warnings, **_meta_fields(meta)), where)


def _item(obj: Any, where: str, fmt: str, uri: str) -> Item:
    """One item of a JSON list or JSON Lines file: its article, or its problem."""
    try:
        return _from_object(obj, where, fmt, uri)
    except InputError as exc:
        return exc


def read_json(path: Path, raw: str, fmt: str, uri: str) -> Iterator[Item]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON at line {exc.lineno} column {exc.colno}: "
                         f"{exc.msg}") from exc
    if isinstance(data, list):
        if not data:
            raise InputError(path, "JSON list is empty")
        for i, obj in enumerate(data):
            yield _item(obj, f"{path}#{i}", fmt, f"{uri}#{i}")
    else:
        yield _from_object(data, str(path), fmt, uri)


def read_jsonl(path: Path, raw: str, fmt: str, uri: str) -> Iterator[Item]:
    seen = 0
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            seen += 1
            yield InputError(f"{path}:{lineno}", f"malformed JSON line: {exc.msg} "
                             f"(column {exc.colno})")
            continue
        seen += 1
        yield _item(obj, f"{path}#L{lineno}", fmt, f"{uri}#L{lineno}")
    if not seen:
        raise InputError(path, "JSON Lines file has no objects")


#: Below this many words, what trafilatura extracted is page chrome, not an article.
MIN_HTML_WORDS = 5


def read_html(path: Path, raw: str, fmt: str, uri: str) -> Iterator[Item]:
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(raw, include_comments=False, include_tables=False,
                                      include_images=False, with_metadata=True,
                                      deduplicate=False)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or len(body.split()) < MIN_HTML_WORDS:
        raise InputError(path, "no article text found in the HTML page "
                         f"(fewer than {MIN_HTML_WORDS} words of main text)")
    published = None
    page_date = getattr(doc, "date", None)
    if page_date:
        try:
            published = check_metadata({"published": page_date}, str(path)).get("published")
        except InputError:
            published = None  # a page date we cannot read is no date, not a bad file
    yield _require_text(SourceDoc(
        source_uri=uri, source_format=fmt, text=normalise(body),
        url=getattr(doc, "url", None), outlet=getattr(doc, "sitename", None),
        title=getattr(doc, "title", None), published=published,
        language=getattr(doc, "language", None)), str(path))


READERS: dict[str, Callable[[Path, str, str, str], Iterator[Item]]] = {
    "txt": read_text, "md": read_text, "json": read_json, "jsonl": read_jsonl, "html": read_html,
}


def read_source(path: Path, max_bytes: int, uri: str | None = None,
                skipped: list[str] | None = None) -> list[SourceDoc]:
    """Read one file into its articles. Raises InputError naming the file and the problem.

    `uri` is the stored name (source_uri; default: the path as given). In a JSON list or a
    JSON Lines file, an item with a problem is appended to `skipped` (its index `#i` or
    line `:n` named) and the good items are read; without `skipped` it raises.
    """
    fmt = SUFFIXES[path.suffix.lower()]
    raw = decode(path, read_bytes(path, max_bytes))
    docs: list[SourceDoc] = []
    for item in READERS[fmt](path, raw, fmt, str(path) if uri is None else uri):
        if isinstance(item, InputError):
            if skipped is None:
                raise item
            skipped.append(str(item))
        else:
            docs.append(item)
    return docs
