"""Attribution disagreements: articles that quote one speaker's remark in different words.

Two quoted passages (the words between quotation marks in a claim) are one remark when
their articles tell one story, their claims name one speaker (the resolved entity's name,
else the speaker's words, compared by the last word: "Judge Jane Roe" and "Roe") and
they share a run of ANCHOR_WORDS words; they word it differently when, between their first
and their last words in common, one has words the other has not ("will be in a position
to" and "will be in position to"; "not a trivial risk. Not a trivial risk at all" and "not
a trivial risk at all"). Where one passage starts later or stops sooner it only quotes
less: no difference. An editor's mark (an ellipsis, words in brackets) may stand for any
words, and a word spelt another way ("labor", "labour") or a number written in words is
the same word. Each wording is a side, cited by its passages; the position is the words
around the first difference.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from typing import Any

import duckdb

from factdb.resolve.disagreement_rows import evidence
from factdb.resolve.unionfind import UnionFind

#: Words two passages share in a row for them to quote one remark.
ANCHOR_WORDS = 6
#: Of the words between two passages' first and last words in common, the share they have
#: in common: below it, two remarks that share a phrase, not one remark worded two ways.
SAME_REMARK = 0.75
#: Two words this alike (difflib ratio) are one word spelt two ways ("labor", "labour").
SPELLING = 0.8
#: A passage is searched for only this far after its opening mark.
LONGEST = 1200

#: A passage between quotation marks: curly, or straight (then in one paragraph).
PASSAGE = re.compile(rf"“([^“”]{{2,{LONGEST}}})”|\"([^\"\n]{{2,{LONGEST}}})\"")
#: An editor's mark inside a quotation: an ellipsis or words in brackets.
EDITED = re.compile(r"\.\s?\.\s?\.|…|\[[^\]]*\]")
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
GAP = "\x00"
NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})


def _words(text: str) -> list[str]:
    """The words of a passage, lower case, numbers as digits; an editor's mark is GAP."""
    out: list[str] = []
    for n, part in enumerate(EDITED.split(text.lower().replace("’", "'"))):
        if n:
            out.append(GAP)
        out += [NUMBER_WORDS.get(w, w) for w in WORD.findall(part)]
    return out


def _speaker_key(speaker: str | None, entity_name: str | None) -> str | None:
    """A speaker as its last word ("Judge Jane Roe", "Roe": "roe"); None for no one."""
    name = entity_name or speaker or ""
    if not entity_name and name.strip().lower() in PRONOUNS:
        return None
    words = WORD.findall(name.lower().replace("’", "'"))
    return re.sub(r"'s$", "", words[-1]) if words else None


def _blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """The runs of words two passages share (i in a, j in b, length), in order, of two
    words or more (a lone word in common aligns nothing)."""
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(i, j, n) for i, j, n in m.get_matching_blocks() if n >= 2]


def _spelt_alike(x: list[str], y: list[str]) -> bool:
    return len(x) == len(y) == 1 and difflib.SequenceMatcher(
        None, x[0], y[0]).ratio() >= SPELLING


def compare(a: list[str], b: list[str]) -> tuple[bool, tuple[int, int, int, int] | None]:
    """Whether two passages quote one remark, and where they first word it differently:
    (start, end in a, start, end in b) of the words that differ, or None."""
    blocks = _blocks(a, b)
    if not blocks or max(n for _, _, n in blocks) < ANCHOR_WORDS:
        return False, None
    (i0, j0, _), (i1, j1, n1) = blocks[0], blocks[-1]
    span = max(i1 + n1 - i0, j1 + n1 - j0)
    if sum(n for _, _, n in blocks) < SAME_REMARK * span:
        return False, None
    for (i, j, n), (k, m, _) in zip(blocks, blocks[1:], strict=False):
        x, y = a[i + n:k], b[j + n:m]
        if GAP in x or GAP in y or _spelt_alike(x, y):
            continue
        return True, (i + n, k, j + n, m)
    return True, None


def _label(words: list[str], start: int, end: int) -> str:
    """The words around a difference: "…be in a position to…"."""
    lo, hi = max(start - 2, 0), min(end + 2, len(words))
    shown = " ".join(w for w in words[lo:hi] if w != GAP)
    return ("…" if lo > 0 else "") + shown + ("…" if hi < len(words) else "")


def quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of the words between quotation marks of the claim at text[start:
    end]: passages opened inside it or holding its start, the marks paired from its
    paragraph's start (a straight mark may open or close)."""
    out = []
    paragraph = text.rfind("\n", 0, start) + 1
    for m in PASSAGE.finditer(text, paragraph, min(end + LONGEST, len(text))):
        if start - 1 <= m.start() <= end or m.start() <= start < m.end():
            g = 1 if m.group(1) is not None else 2
            out.append((m.start(g), m.end(g)))
    return out


def _passages(con: duckdb.DuckDBPyConnection, story: dict[str, str]
              ) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The quoted passages of body claims with a known speaker, by (story, speaker), for
    speakers quoted in two articles of a story."""
    claims = con.execute("""
        SELECT c.claim_id, c.article_id, a.outlet, c.char_start, c.char_end, c.speaker,
               n.name
        FROM claims c JOIN articles a USING (article_id)
        LEFT JOIN entities n ON n.entity_id = c.speaker_entity_id
        WHERE coalesce(c.role, 'body') = 'body' AND c.speaker IS NOT NULL
          AND (c.is_direct_quote OR c.quote LIKE '%“%' OR c.quote LIKE '%"%')
        ORDER BY c.article_id, c.char_start""").fetchall()
    by_block: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
    for row in claims:
        key = _speaker_key(row[5], row[6])
        if key:
            by_block[(story.get(row[1], row[1]), key)].append(row)
    by_block = {k: v for k, v in by_block.items() if len({r[1] for r in v}) > 1}
    articles = sorted({r[1] for rows in by_block.values() for r in rows})
    texts = dict(con.execute("SELECT article_id, text FROM articles WHERE article_id IN "
                             "(SELECT unnest(?))", [articles]).fetchall()) if articles else {}
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for block, rows in by_block.items():
        found: dict[tuple[str, int], dict[str, Any]] = {}
        for claim_id, article_id, outlet, start, end, _, _ in rows:
            text = texts[article_id]
            for s, e in quoted(text, start, end):
                if (article_id, s) in found:
                    continue
                words = _words(text[s:e])
                if len([w for w in words if w != GAP]) >= ANCHOR_WORDS:
                    found[(article_id, s)] = {
                        "fact_id": claim_id, "article_id": article_id, "outlet": outlet,
                        "quote": text[s:e], "char_start": s, "char_end": e, "words": words}
        out[block] = list(found.values())
    return out


def _candidates(passages: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """The pairs of passages of two articles that share a run of ANCHOR_WORDS words (the
    others cannot quote one remark): found by the runs, not by comparing every pair."""
    by_run: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i, p in enumerate(passages):
        w = p["words"]
        for k in range(len(w) - ANCHOR_WORDS + 1):
            if GAP not in w[k:k + ANCHOR_WORDS]:
                by_run[tuple(w[k:k + ANCHOR_WORDS])].add(i)
    pairs = {(i, j) for members in by_run.values() for i in members for j in members
             if i < j and passages[i]["article_id"] != passages[j]["article_id"]}
    return sorted(pairs)


def quote_disagreements(con: duckdb.DuckDBPyConnection, story: dict[str, str]
                        ) -> list[tuple[str, str | None, dict[str, list[Any]]]]:
    """One speaker's remark quoted in different words by articles of one story (module
    docstring); ``story`` maps an article to its story (an article alone: its own)."""
    out: list[tuple[str, str | None, dict[str, list[Any]]]] = []
    for (_, speaker), passages in sorted(_passages(con, story).items()):
        same: UnionFind[int] = UnionFind()
        differ: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for i, j in _candidates(passages):
            one, where = compare(passages[i]["words"], passages[j]["words"])
            if one:
                same.union(i, j)
                if where:
                    differ[(i, j)] = where
                    differ[(j, i)] = (where[2], where[3], where[0], where[1])
        remarks: dict[int, list[int]] = defaultdict(list)
        for i in range(len(passages)):
            if any(i in pair for pair in differ):
                remarks[same.find(i)].append(i)
        for members in remarks.values():
            found = _sides(passages, members, differ, speaker)
            if found:
                out.append(found)
    return out


def _sides(passages: list[dict[str, Any]], members: list[int],
           differ: dict[tuple[int, int], tuple[int, int, int, int]], speaker: str
           ) -> tuple[str, str | None, dict[str, list[Any]]] | None:
    """The wordings of one remark: the longest passage first, each joining the first
    wording none of whose passages it differs from."""
    wordings: list[list[int]] = []
    for i in sorted(members, key=lambda i: (-len(passages[i]["words"]), i)):
        home = next((w for w in wordings if not any((i, o) in differ for o in w)), None)
        if home is None:
            wordings.append([i])
        else:
            home.append(i)
    if len(wordings) < 2 or len({passages[i]["article_id"] for w in wordings for i in w}) < 2:
        return None
    sides: dict[str, list[Any]] = {}
    common = ""
    for k, w in enumerate(wordings):
        others = [o for m, v in enumerate(wordings) if m != k for o in v]
        # each passage differs from one of another wording (that kept it out of it)
        me, other = next((i, o) for i in w for o in others if (i, o) in differ)
        start, end, _, _ = differ[(me, other)]
        label = "“" + _label(passages[me]["words"], start, end) + "”"
        if label in sides:  # two wordings that differ elsewhere than here
            label += f" (wording {k + 1})"
        common = common or _common(passages[me]["words"], passages[other]["words"])
        sides[label] = [evidence(passages[i]) for i in w]
    return f"words of {speaker.title()}: “…{common}…”", None, sides


def _common(a: list[str], b: list[str]) -> str:
    """The longest run of words two passages share, as text."""
    i, _, n = max(_blocks(a, b), key=lambda x: x[2], default=(0, 0, 0))
    return " ".join(a[i:i + n])
