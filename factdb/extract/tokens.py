"""The one token view of an article that the extractors share.

A ``Tok`` is a plain record (text, offsets, lemma, tag, entity label) made from a spaCy
token on demand. Without a spaCy doc (or with one of another text) the view falls back to
a regular-expression tokenizer that guesses tags and lemmas, so that the rules still run
on untagged text; ``tagged`` says which one it is. ``ArticleContext.tokens`` holds the view
of an article, built once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factdb.ingest.records import Sentence, story_text

LEMMA_FIX = {"people": "person", "%": "percent", "pct": "percent", "per cent": "percent",
             "police": "police", "personnel": "personnel", "staff": "staff",
             "data": "data", "media": "media", "troops": "troop", "bases": "base",
             "basis": "basis", "crises": "crisis", "analyses": "analysis"}
_FALLBACK_TOKEN = re.compile(
    r"\d+(?:[.,:]\d+)*|[A-Za-z]+(?:\.[A-Za-z])+\.?|[A-Za-z]+(?:['’][a-z]+)?|n['’]t|\S")
_FUNCTION_TAGS = {
    **{w: "DT" for w in ("the", "a", "an", "this", "that", "these", "those", "no", "any",
                         "some", "each", "every", "all", "both")},
    **{w: "IN" for w in ("in", "on", "at", "of", "for", "with", "by", "from", "to", "into",
                         "against", "since", "before", "after", "during", "than", "over",
                         "under", "across", "inside", "within", "between", "about",
                         "around", "near", "including")},
    **{w: "CC" for w in ("and", "or", "but", "nor")},
    **{w: "VBD" for w in ("was", "were", "is", "are", "be", "been", "has", "have", "had",
                          "said", "says", "will", "would", "could", "did", "do", "does")},
    **{w: "PRP" for w in ("it", "they", "he", "she", "we", "them", "him", "her", "its",
                          "their", "his", "our", "there", "who", "which", "what")},
    **{w: "JJ" for w in ("more", "other", "new", "least", "most", "several", "many",
                         "few", "senior", "former", "local", "foreign")},
}


#: Not frozen (a frozen dataclass sets each field through ``object.__setattr__``, a third of
#: the token view's cost), but hashed and compared by value as if it were; nothing assigns to
#: a ``Tok`` after it is made.
@dataclass(slots=True, unsafe_hash=True)
class Tok:
    text: str
    start: int
    end: int
    lemma: str
    tag: str
    ent: str
    ent_begins: bool = False
    #: the dependency parse (doc index of the token and of its head, and the relation);
    #: -1 / "" without a parse (the fallback tokenizer)
    i: int = -1
    head: int = -1
    dep: str = ""
    #: the text in lower case (made once: the rules ask for it often)
    lower: str = ""

    def __post_init__(self) -> None:
        if not self.lower and self.text:
            self.lower = self.text.lower()


class Tokens:
    """The article's tokens, from the spaCy doc when there is one (converted on demand)."""

    def __init__(self, text: str, sentences: Sequence[Sentence], doc: Any = None) -> None:
        # the model reads the story text (furniture blanked, offsets the article's)
        starts = _doc_starts(doc, story_text(text, sentences)) if doc is not None else None
        self.doc: Any = doc if starts is not None else None
        self.tagged = self.doc is not None
        #: whether the doc carries a dependency parse (``Tok.head`` / ``Tok.dep`` are set)
        self.parsed = self.doc is not None and bool(self.doc.has_annotation("DEP"))
        self._made: dict[int, Tok] = {}
        if starts is not None:
            self.starts: list[int] = starts
            self._all: list[Tok] | None = None
        else:
            fallback = []
            for s in sentences:
                first = True
                for m in _FALLBACK_TOKEN.finditer(text, s.char_start, s.char_end):
                    fallback.append(_guess(m.group(), m.start(), first))
                    first = False
            self._made = dict(enumerate(fallback))
            self.starts = [t.start for t in fallback]

    def _tok(self, i: int) -> Tok:
        if self.doc is None:
            return self._made[i]
        return self._doc_toks()[i]

    def _doc_toks(self) -> list[Tok]:
        """Every token of the doc as a ``Tok``, made once."""
        if self._all is None:
            self._all = [Tok(*row) for row in _doc_rows(self.doc)]
            for prev, tok in zip(self._all, self._all[1:], strict=False):
                if tok.tag in _ACRONYM_TAGS and tok.text.isupper() and len(tok.text) > 1 \
                        and prev.lower == "the":
                    tok.tag = "NNP"  # "the WHO", "the IT department": an acronym, no pronoun
        return self._all

    def span(self, start: int, end: int) -> list[Tok]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        if self.doc is None:
            toks = [self._made[i] for i in range(lo, hi)]
        else:
            toks = self._doc_toks()[lo:hi]
        return [t for t in toks if not t.text.isspace()]

    def words(self) -> list[Tok]:
        """Every token of the article but whitespace, in order."""
        return self.span(0, self.starts[-1] + 1) if self.starts else []

    def index_at(self, offset: int) -> int | None:
        """Doc index of the token that covers offset, if any."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0 or self._tok(i).end <= offset:
            return None
        return i

    def at(self, i: int) -> Tok:
        """The token at doc index i."""
        return self._tok(i)

    def path_up(self, i: int, limit: int = 40) -> list[int]:
        """Doc indices from token i up to its root, i first (empty without a parse)."""
        if not self.parsed:
            return []
        out = [i]
        while len(out) < limit:
            head = self._tok(out[-1]).head
            if head == out[-1] or head < 0:
                break
            out.append(head)
        return out

    def tag_at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        tok = self._tok(i)
        return tok.tag if tok.end > offset else None


def _doc_starts(doc: Any, text: str) -> list[int] | None:
    """The character offset of every token of a spaCy doc of ``text``; None when the doc is
    of another text. The doc's text is put together from its arrays (each token's text and
    its trailing space, as ``Doc.text`` does) without a ``Token`` object per token."""
    if not hasattr(doc, "to_array") or not len(doc):
        return [int(i) for i in doc.to_array("IDX")] if getattr(doc, "text", None) == text \
            else None
    from spacy.attrs import IDX, ORTH, SPACY

    orth, space, idx = doc.to_array([ORTH, SPACY, IDX]).T.tolist()
    strings = doc.vocab.strings
    words = {key: strings[key] for key in set(orth)}
    made = "".join([words[o] + " " if s else words[o] for o, s in zip(orth, space,
                                                                        strict=True)])
    return idx if made == text else None


#: Tags the model gives an acronym spelled like a function word ("WHO", "IT", "US").
_ACRONYM_TAGS = frozenset({"WP", "WDT", "PRP", "IN", "CC", "DT"})


def _doc_rows(doc: Any) -> list[tuple[Any, ...]]:
    """The fields of every token's ``Tok`` read from the doc's arrays in one pass: the same
    values as the token attributes, without a spaCy ``Token`` object per token."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, ORTH, TAG

    strings = doc.vocab.strings
    columns = doc.to_array([ORTH, IDX, LEMMA, TAG, ENT_TYPE, ENT_IOB, HEAD, DEP]).T.tolist()
    orth, idx, lemma, tag, ent, iob, head, dep = columns
    names = {key: strings[key] if key else ""
             for key in {*orth, *lemma, *tag, *ent, *dep}}
    texts = [names[k] for k in orth]
    lowered = {key: names[key].lower() for key in {*lemma, *orth}}
    wrap = 1 << 64                           # head offsets are stored as unsigned numbers
    heads = [i + (h - wrap if h >= wrap >> 1 else h) for i, h in enumerate(head)]
    return list(zip(texts, idx, [s + len(t) for s, t in zip(idx, texts, strict=True)],
                    [lowered[k] for k in lemma], [names[k] for k in tag],
                    [names[k] for k in ent], [v == 3 for v in iob], range(len(texts)),
                    heads, [names[k] for k in dep], [lowered[k] for k in orth], strict=True))


# --- the fallback tokenizer -------------------------------------------------------------

def _guess(word: str, start: int, first: bool) -> Tok:
    """A token with a guessed tag and lemma, for texts without a spaCy doc."""
    low = word.lower()
    end = start + len(word)
    if word[0].isdigit():
        return Tok(word, start, end, low, "CD", "")
    if not word[0].isalnum():
        return Tok(word, start, end, low, "HYPH" if word == "-" else ",", "")
    if low in _FUNCTION_TAGS and (first or word[0].islower() or low in ("u.s.",)):
        return Tok(word, start, end, low, _FUNCTION_TAGS[low], "")
    if word[0].isupper() and not first:
        return Tok(word, start, end, low, "NNP", "GPE", True)
    if low.endswith("ly"):
        return Tok(word, start, end, low, "RB", "")
    if low.endswith("ed") and len(low) > 4:
        return Tok(word, start, end, low, "VBD", "")
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return Tok(word, start, end, _singular(low), "NNS", "")
    return Tok(word, start, end, low, "NN", "")


def _singular(word: str) -> str:
    if word in LEMMA_FIX:
        return LEMMA_FIX[word]
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word
