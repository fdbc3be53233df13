"""Split article text into sentences and give each a role.

Roles: headline, byline, dateline, body, caption, boilerplate. Page junk (navigation,
related links, captions and photo credits, comment forms, copyright and subscription
footers, hashtag lines) is recognised by general patterns, so that later stages keep
its numbers and dates out of the story's facts. Every sentence is a character span of
the stored text; blocks are lines, so offsets never depend on re-joined text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factdb.ingest.records import Sentence

# --- block-level role rules: (role, reason, pattern) in order; first match wins -----------

_I = re.IGNORECASE
BLOCK_RULES: list[tuple[str, str, re.Pattern[str]]] = [
    ("boilerplate", "navigation",
     re.compile(r"^(home|start|front page)\s*(»|›|>|/|\||:)", _I)),
    ("boilerplate", "navigation", re.compile(r"^(\S[^»›]{0,40}\s*[»›]\s*){2,}")),
    ("boilerplate", "navigation",
     re.compile(r"^([A-Z][\w&'’ -]{0,30}?\s+(>|/|\||»|›)\s+){2,}[A-Z][\w&'’ -]{0,30}$")),
    ("boilerplate", "related-link",
     re.compile(r"^(see also|also read|read also|read more|more on this|related( stories| articles"
                r"| coverage| content| reading)?|recommended( for you)?|you may also like|"
                r"more from(\s+[A-Z][\w.&'’-]*(\s+[A-Z][\w.&'’-]*){0,4})?|most read|trending|"
                r"watch|listen|further reading)\b\s*[:\-–—»|]", _I)),
    ("boilerplate", "related-link",
     re.compile(r"^(related|read more|more stories|most read|trending now)\s*$", _I)),
    ("boilerplate", "comments",
     re.compile(r"(leave a (comment|reply)|add (your|a) comment|comments? \(\d+\)|post a comment"
                r"|your email address will not be published|required fields are marked"
                r"|join the (conversation|discussion)|\d+ comments?\s*$)", _I)),
    ("boilerplate", "copyright", re.compile(r"(©|\(c\) \d{4}|\bcopyright\b|all rights reserved)",
                                            _I)),
    ("boilerplate", "subscription",
     re.compile(r"(^(subscribe|sign up|register|get our|get the)\b.{0,80}(newsletter|briefing|"
                r"updates|alerts|free|today|now|to)|subscribe to our|sign up for our|"
                r"newsletter\s*$|^subscribe\s*$)", _I)),
    ("boilerplate", "social",
     re.compile(r"^(share( this( article| story)?)?|follow us|click to share|share on)"
                r"\b\s*(:|on\b|$)", _I)),
    ("boilerplate", "hashtags", re.compile(r"^#[^\s#]+(\s+#[^\s#]+)*\s*$")),
    ("boilerplate", "editorial-credit",
     re.compile(r"^\(?\s*(reporting|writing|editing|additional reporting|compiled|produced)"
                r" by\b", _I)),
    ("boilerplate", "editorial-policy",
     re.compile(r"^(our standards|editorial standards|corrections policy|ethics policy)\b", _I)),
    ("boilerplate", "advertisement", re.compile(r"^(advertisement|sponsored( content)?|ad)\s*$",
                                                _I)),
    ("caption", "caption-label",
     re.compile(r"^(file photo|photo|photos|caption|image|picture|pictured|credit|photograph|"
                r"illustration|video)\s*[:|/\-–—]", _I)),
    ("caption", "photo-credit",
     re.compile(r"(\((\w[\w .&'-]*\s)?photo\b[^)]*\)|\(photo:[^)]*\)|\bphoto credit\b|"
                r"\b(reuters|afp|ap|epa|getty images|anadolu)\s*/\s*[A-Z]|via getty images|"
                r"\((?:AP|AFP|EPA|Getty Images|Reuters)\)\s*$)", _I)),
    ("byline", "byline",
     re.compile(r"^(?i:by|written by|words by|reported by)\s+[A-Z][\w.'’-]+([ ,]+\S+){0,12}$")),
    ("dateline", "timestamp",
     re.compile(r"^(published|updated|posted|last updated|first published)\b( on)?\s*[:\-]?\s*"
                r".{0,60}\d", _I)),
]

_MONTH = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
#: A line that is only a date and time ("February 18, 2024 7:05 AM UTC", "20 Feb 2024 08:30").
TIMESTAMP_LINE = re.compile(
    rf"^((mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"({_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"([\sT,|-]+\d{{1,2}}[:.]\d{{2}}(\s*[ap]\.?m\.?)?(\s*\(?[A-Z]{{2,5}}([+-]\d{{1,2}})?\)?)?)?"
    rf"(\s*\|?\s*updated.*)?\s*$", _I)

#: A dateline that opens a body paragraph: "NAIROBI/KAMPALA, March 4 (AP) - ",
#: "LONDON — ", "LIMA, March 5 -- ". The place is written in capitals.
DATELINE_PREFIX = re.compile(
    r"^(?P<dl>[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+)*"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][a-z]+)?)?"
    rf"(?:,\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|,\s*\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)?"
    r"(?:\s*\([A-Za-z][\w .&'-]{1,30}\))?"
    r"\s*(?:-{1,2}|—|–|:))\s+(?=\S)")

# --- sentence splitting -----------------------------------------------------------------

ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen brig col lt sgt capt maj adm cmdr cpl pvt sen rep gov pres
st jr sr rev hon fr messrs mmes supt insp det amb
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
no nos vs v etc approx est dept univ inc corp ltd co bros mt ft
u.s u.k u.n e.u u.a.e a.m p.m i.e e.g d.c n.y
""".split())

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the period at ``dot`` the end of an abbreviation or an initial?"""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith"
    return word in ABBREVIATIONS


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside text[start:end], trimmed of surrounding white space."""
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        if text[m.start()] == "." and m.group().startswith(".") and len(m.group().rstrip(
                "\"'”’)]")) == 1 and _is_abbreviation(text, m.start()):
            continue
        yield from _trimmed(text, pos, m.end())
        pos = m.end()
    yield from _trimmed(text, pos, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


# --- blocks and roles -------------------------------------------------------------------

def blocks(text: str) -> Iterator[tuple[int, int]]:
    """Non-empty lines as (start, end) spans, trimmed."""
    pos = 0
    for line in text.split("\n"):
        yield from _trimmed(text, pos, pos + len(line))
        pos += len(line) + 1


def block_role(line: str, index: int, title: str | None) -> tuple[str, str | None]:
    """The role of a whole block (line), and the rule that chose it."""
    bare = line.lstrip("#").strip() if line.startswith("#") and line[1:2] in (" ", "#") else None
    if bare is not None:
        return "headline", "markdown-heading"
    if title and _same_text(line, title):
        return "headline", "title"
    for role, reason, pattern in BLOCK_RULES:
        if pattern.search(line):
            return role, reason
    if TIMESTAMP_LINE.match(line):
        return "dateline", "timestamp"
    if index == 0 and len(line) < 200 and not re.search(r"[.!?][\"'”’]?$", line):
        return "headline", "first-line"
    return "body", None


def _same_text(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    return norm(a) == norm(b)


def segment(text: str, title: str | None = None) -> list[Sentence]:
    """Sentences of the article with their roles, in order."""
    out: list[Sentence] = []
    seen_body = False
    for index, (b_start, b_end) in enumerate(blocks(text)):
        line = text[b_start:b_end]
        role, reason = block_role(line, index, title)
        body_start = b_start
        if role == "body" and not seen_body:
            m = DATELINE_PREFIX.match(line)
            if m and _looks_like_dateline(m.group("dl")):
                dl_end = b_start + m.end("dl")
                out.append(Sentence(len(out), b_start, dl_end, "dateline", index, "dateline"))
                body_start = b_start + m.end()
        if role == "body":
            seen_body = True
        if role in ("headline", "byline", "dateline") and reason != "dateline":
            spans: list[tuple[int, int]] = [(body_start, b_end)]
        else:
            spans = list(split_sentences(text, body_start, b_end))
        for s, e in spans:
            out.append(Sentence(len(out), s, e, role, index, reason))
    return out


def _looks_like_dateline(prefix: str) -> bool:
    """A dateline's place is in capitals: at least one all-caps word of 3+ letters."""
    words = re.findall(r"[A-Za-z]+", prefix)
    return bool(words) and words[0].isupper() and len(words[0]) >= 3
