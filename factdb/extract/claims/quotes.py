"""Quotations and the records of a claim: the tag sets the rules read, quotation marks
found in a paragraph (``Quote``) and the attribution frame of a claim (``Frame``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factdb.extract.context import ArticleContext
from factdb.extract.tokens import Tok
from factdb.ingest.records import Sentence

EXTRACTOR = "claims"

NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
NP_TAGS = NOUN_TAGS | {"DT", "PDT", "JJ", "JJR", "JJS", "CD", "POS", "PRP$", "HYPH", "RBS",
                       "RBR", "NFP"}
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
VERB_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP", "VBN", "VBG", "MD"})
SPEAKER_PREPS = frozenset("of in at for from with on to among within across near by inside "
                          "outside around close familiar".split())
PASSIVE_AUX = frozenset("is are was were be been being".split())
MODAL_AUX = frozenset("will would may might could should can must did does do".split())
#: Cue verbs that need "that", a quotation or a position after the content to report speech.
WEAK_VERBS = frozenset("add note estimate reveal predict maintain recall suggest observe "
                       "disclose remark reply write tweet concede explain comment".split())
TAIL_MARKERS = frozenset("citing quoting adding according speaking who which as warning based "
                         "saying noting stressing insisting".split())
OPEN_QUOTES = {"“": "”", "«": "»", '"': '"', "„": "“"}
CLOSE_QUOTES = frozenset('”»"')
QUOTE_TOKENS = frozenset({'"', "“", "”", "«", "»", "„", "``", "''"})
#: The gap allowed between a cue and a quotation: adverbials and a colon or comma.
CUE_QUOTE_GAP = re.compile(r"^\s*(?:,?\s*(?:(?:in|on|at|during|after|before|to|from|via|by|with|"
                           r"last|this|late|early|earlier|later)\b(?:(?!\bthat\b)"
                           r"[^\"“”«».;:,]){0,60})?\s*[,:])?\s*$", re.IGNORECASE)
CONNECTOR_TAIL = re.compile(r"[\s,;:–—-]*(?:\b(?:while|whereas|but|and|as|although|though|"
                            r"yet|so)\b)?[\s,;:–—-]*$", re.IGNORECASE)
LEADING_JUNK = re.compile(r"^[#\s*•·–—-]+")
DATELINE_AGENCY = re.compile(r"\(([A-Z][\w .&'’-]{0,30}[\w.])\)")


@dataclass
class Quote:
    open: int          # offset of the opening mark
    close: int         # offset of the closing mark (paragraph end when unclosed)
    closed: bool

    @property
    def end(self) -> int:
        return self.close + 1 if self.closed else self.close

    def inner(self, text: str) -> tuple[int, int]:
        a, b = self.open + 1, self.close
        while a < b and text[a].isspace():
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:–—-"):
            b -= 1
        return a, b


@dataclass
class Frame:
    """An attribution: who (speaker), by what expression (cue), with relay details."""

    kind: str                      # speech | intent | document | according | passive |
    #                                no_comment | hedge | headline | adding
    sentence: Sentence
    cue: tuple[int, int]
    speaker: tuple[int, int] | None = None
    verb: str = ""
    addressee: tuple[int, int] | None = None
    by: tuple[int, int] | None = None
    cited: tuple[int, int] | None = None      # "citing Y": the level below the speaker
    citing_end: int = 0                       # end of the "citing" word
    outer: tuple[int, int] | None = None      # the relaying level once a chain is unfolded
    #: "According to X, Y said C": X's frame relays the clause of Y's (its content runs
    #: over Y's frame)
    relays: Frame | None = None
    #: inside a quotation ("... they said the receivers were done"): a claim the quoted
    #: speaker reports, its content the clause up to the quotation's close
    nested: bool = False
    #: a relative clause's frame ("X, which said C, did Y"): where the clause ends (its
    #: content is inside it, never before the frame); 0 for another frame
    clause_end: int = 0
    parenthetical: str = ""
    boundary: str = "start"                   # what precedes the speaker: start|comma|quote|other
    inverted: bool = False
    hedge: bool = False
    region_start: int = 0
    region_end: int = 0
    content: tuple[int, int] | None = None
    direct: bool = False
    mixed: bool = False                       # a quotation inside reported speech
    span: tuple[int, int] | None = None
    confidence: float = 0.8
    # filled by classification
    speaker_kind: str | None = None
    original: str | None = None
    original_explicit: bool = False
    relay: str | None = None
    relayed: bool = False
    extras: list[Frame] = field(default_factory=list)


# --- tokens and quotations --------------------------------------------------------------

def _tokens(ctx: ArticleContext) -> list[Tok]:
    if ctx.doc is None:
        raise ValueError("claims extraction needs the spaCy doc in ctx.doc")
    return ctx.tokens.words()


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotations in text[start:end] (one paragraph); an unclosed one runs to the end."""
    quotes: list[Quote] = []
    opened: int | None = None
    closer = ""
    for i in range(start, end):
        ch = text[i]
        if opened is None:
            if ch in OPEN_QUOTES and (ch != '"' or _can_open(text, i, start)):
                opened, closer = i, OPEN_QUOTES[ch]
        elif ch == closer or (ch in CLOSE_QUOTES and closer in CLOSE_QUOTES and ch != '"'):
            quotes.append(Quote(opened, i, True))
            opened = None
        elif ch == "“" and closer == "”":
            opened = i
    if opened is not None:
        quotes.append(Quote(opened, end, False))
    return quotes


def _can_open(text: str, i: int, start: int) -> bool:
    return i == start or not text[i - 1].isalnum()
