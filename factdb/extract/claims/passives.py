"""Passive attributions with an agent: the speaker follows "by".

- "C, as confirmed by X" / "C, as reported by X": the clause before is X's statement;
- "The news about C was only confirmed by X": the subject is what X confirmed; "This
  was reported by X" (a demonstrative subject) points back to the previous sentence;
- "X has been accused by Y of C": Y's allegation, the content after "of".

The speaker is the noun phrase after "by", with its apposition ("Jane Roe, a fighter
from the village"). A person confirmed by a vote ("was confirmed by the Senate") and an
audience after "by" are not statements.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from factdb.extract.claims.quotes import NOUN_TAGS, Frame
from factdb.extract.tokens import Tok
from factdb.ingest.records import Sentence
from factdb.lang import attribution as A

#: ", as confirmed by X" (the clause before is X's).
AS_BY = re.compile(r"(?:^|,)\s*(?P<cue>as\s+(?:(?:first|also|previously|earlier|officially)\s+)?"
                   r"(?:confirmed|reported|stated|announced|noted|revealed|disclosed|"
                   r"described|said|verified|documented|recorded)\s+by)\s+", re.IGNORECASE)
#: "C was (only) confirmed by X" (the subject is X's).
SUBJECT_BY = re.compile(r"\s(?P<cue>(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+"
                        r"(?:(?:only|also|first|later|officially|independently|widely|since)\s+)?"
                        r"(?:confirmed|reported|stated|revealed|disclosed|verified)\s+by)\s+",
                        re.IGNORECASE)
#: "X has been accused by Y of C".
ACCUSED_BY = re.compile(r"\s(?P<cue>(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+"
                        r"(?:(?:repeatedly|also|widely|long)\s+)?accused\s+by)\s+", re.IGNORECASE)
#: Subjects that point back to the previous sentence.
DEMONSTRATIVE = re.compile(r"^(?:this|that|it|this\s+(?:information|news|report|figure|toll))$",
                           re.IGNORECASE)


def agent_frames(text: str, toks: list[Tok], sentence: Sentence,
                 np_right: Callable[[list[Tok], int], int | None]) -> list[Frame]:
    """Frames whose speaker is the agent of a passive reporting verb."""
    s, e = sentence.char_start, sentence.char_end
    out: list[Frame] = []
    for pattern, kind in ((AS_BY, "as"), (SUBJECT_BY, "subject"), (ACCUSED_BY, "accused")):
        for m in pattern.finditer(text, s, e):
            k = next((n for n, t in enumerate(toks) if t.start >= m.end()), None)
            if k is None:
                continue
            end = np_right(toks, k)
            if end is None:
                continue
            speaker = (toks[k].start, toks[end - 1].end)
            spk = text[speaker[0]:speaker[1]]
            if A.head_noun(spk) in A.AUDIENCE_WORDS or toks[k].tag not in NOUN_TAGS | {
                    "DT", "JJ", "PRP$", "CD"}:
                continue
            f = Frame("agent", sentence, (m.start("cue"), m.end("cue")), speaker=speaker,
                      verb="report", boundary="comma", inverted=True, confidence=0.75)
            f.region_start, f.region_end = m.start(), speaker[1]
            if kind == "as":
                if not _content_before(text, toks, s, m.start(), f):
                    continue
            elif kind == "subject":
                subj = _trimmed(text, s, m.start())
                if subj is None:
                    continue
                a, b = subj
                if DEMONSTRATIVE.match(text[a:b]):
                    f.boundary = "previous"
                elif any(t.ent == "PERSON" or t.tag == "PRP" for t in toks
                         if t.start >= a and t.end <= b) or not any(
                            t.tag in NOUN_TAGS for t in toks if t.start >= a and t.end <= b):
                    continue          # "Smith was confirmed by the Senate"
                else:
                    f.content = (a, b)
            else:
                rest = text[speaker[1]:e]
                om = re.match(r"\s+of\s+", rest)
                if om is None:
                    continue
                a = speaker[1] + om.end()
                b = e
                while b > a and (text[b - 1] in ".!?…" or text[b - 1].isspace()):
                    b -= 1
                if b <= a:
                    continue
                f.content = (a, b)
            out.append(f)
    return out


def _trimmed(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and (text[a].isspace() or text[a] in "#*•·–—-"):
        a += 1
    while b > a and text[b - 1] in " ,;:":
        b -= 1
    return (a, b) if b > a else None


def _content_before(text: str, toks: list[Tok], s: int, cut: int, f: Frame) -> bool:
    span = _trimmed(text, s, cut)
    if span is None:
        return False
    a, b = span
    if not any(t.tag in ("VBD", "VBZ", "VBP", "MD") for t in toks
               if t.start >= a and t.end <= b):
        return False
    f.content = (a, b)
    return True
