"""What the dependency parse adds to the word-order patterns: the subject of a cue.

"X withdrew the bill, saying he was ready to talk": the participle's speaker is the
subject of the verb it hangs from; "A deputy from the ruling party says": the whole
subject phrase, not its last noun. Only used when the doc was parsed; every span stays
inside the sentence.
"""

from __future__ import annotations

import re
from typing import Any

#: Dependencies that tie a participle or a coordinated verb to the verb whose subject it shares.
_UP = frozenset({"advcl", "xcomp", "conj", "acl", "dep"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
#: Words that lean on the cue verb: auxiliaries, negation, adverbs.
_ON_VERB = frozenset({"aux", "auxpass", "neg", "advmod"})
#: Tokens a subject phrase may not run across.
_STOP = frozenset({'"', "“", "”", ";", ":"})


def _token_at(doc: Any, start: int) -> Any | None:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def parsed(doc: Any) -> bool:
    return doc is not None and doc.has_annotation("DEP")


def subject_span(doc: Any, cue_start: int, lo: int, hi: int,
                 climb: bool = False) -> tuple[int, int] | None:
    """The subject phrase of the verb at cue_start (char offsets), within [lo, hi).

    With climb, a participle ("..., saying") takes the subject of the verb it modifies.
    Relative and clausal subjects ("what", "who") and pronoun-less gaps give None.
    """
    if not parsed(doc):
        return None
    verb = _token_at(doc, cue_start)
    while verb is not None and verb.dep_ in _ON_VERB and verb.head is not verb:
        verb = verb.head                  # "has said", "formally announced", "did not respond"
    steps = 0
    while verb is not None and steps < 4:
        # a subject outside the sentence is the parser running a heading into it
        subj = [c for c in verb.children if c.dep_ in _SUBJ and c.idx >= lo] or [
            c for c in verb.children if c.dep_ in _SUBJ]
        if subj:
            s = subj[0]
            if s.tag_ in ("WP", "WDT", "EX"):
                return None
            a, b = s.left_edge.idx, s.right_edge.idx + len(s.right_edge.text)
            phrase = doc[s.left_edge.i:s.right_edge.i + 1]
            words = phrase.text            # == doc.text[a:b], without joining the whole doc
            while b > a and words[b - 1 - a] in ",;: ":
                b -= 1
            if a < lo or b > hi or b > cue_start or any(t.text in _STOP for t in phrase):
                return None
            return a, b
        if not climb or verb.dep_ not in _UP or verb.head is verb:
            return None
        verb = verb.head
        steps += 1
    return None


def widen_speaker(doc: Any, cue_start: int, speaker: tuple[int, int], lo: int,
                  max_chars: int = 160) -> tuple[int, int]:
    """The speaker grown to the whole subject phrase of the cue when the word-order rule
    stopped inside it ("A deputy from the ruling party", "Aides who briefed journalists",
    "The ministry and the army"); unchanged when the parse disagrees about its end."""
    subj = subject_span(doc, cue_start, lo, cue_start)
    if subj is None or subj[1] != speaker[1] or subj[0] >= speaker[0]:
        return speaker
    if subj[1] - subj[0] > max_chars:
        return speaker
    return subj[0], speaker[1]


#: an age between commas after a name ("Jane Roe, 32, said"): no part of who speaks
_AGE_TAIL = re.compile(r"\s*,\s*\d{1,3}\s*,?\s*$")
#: a relative clause told of the speaker ("the group, which has denied ..."): what is said
#: of it, not its name
_WHICH = re.compile(r"\s*,\s*which\b", re.IGNORECASE)
#: a time the parser took into the subject ("The next day Acme announced ...")
_TIME_HEAD = re.compile(
    r"(?:the\s+(?:next|following|previous)\s+(?:day|morning|evening|night|week)|later|"
    r"earlier|meanwhile|(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday))\s*,?\s+(?=\S)", re.IGNORECASE)


#: the end of the reported clause run into the speaker ("rose 4 percent, the company
#: said"): a figure and a comma before the speaker's phrase
_FIGURE_HEAD = re.compile(r"[$€£]?\d[\d.,]*\s*(?:%|percent|per\s+cent|[a-z]+)?\s*,\s+(?=\S)",
                          re.IGNORECASE)


def trim_speaker(text: str, speaker: tuple[int, int]) -> tuple[int, int]:
    """Who speaks without what the phrase also tells: an age after the name, a relative
    clause with "which", a time or a figure at its head; unchanged when nothing would be
    left."""
    a, b = speaker
    m = _FIGURE_HEAD.match(text, a, b)
    if m and m.end() < b:
        a = m.end()
    m = _WHICH.search(text, a, b)
    if m and m.start() > a:
        b = m.start()
    m = _AGE_TAIL.search(text[a:b])
    if m and m.start() > 0:
        b = a + m.start()
    m = _TIME_HEAD.match(text, a, b)
    if m and m.end() < b:
        a = m.end()
    return a, b
