"""Split article text into sentences and give each a role.

Roles: headline, byline, dateline, body, caption, boilerplate. Page furniture is
recognised by general cues, never by the phrases of particular sites:

* the line's own shape and vocabulary (BLOCK_RULES): navigation and breadcrumbs, related
  and "see also" links, comment forms, copyright, newsletter and policy footers, credits,
  captions (a credit, a caption label, or a one-sentence present-tense picture description
  that ends on a place and a date), bylines, date boxes, graphics labels, editors' notes;
* the line's place on the page (PAGE_RULES in ``segment``): lines before the headline
  (section tags, taglines), the items of a related or video list, a second copy of the
  headline or of a caption, bare one-word tags before or after the story, everything after
  the page footer.

A dateline that opens the first paragraph ("LIMA, March 5 (Agency) -") is story: its
sentence has role ``body`` and reason ``dateline``; a line that is only a date and time is a
site's date box (role ``dateline``, reason ``timestamp``). Only headline and body sentences
are story; the extractors take no facts from the others. Every sentence is a character span
of the stored text; blocks are lines, so offsets never depend on re-joined text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from factdb.ingest.records import Sentence

# --- block-level role rules: (role, reason, pattern) in order; first match wins -----------

_I = re.IGNORECASE
#: A list bullet or dash that may open a link line ("• Also read: ...", "- Headline").
_BULLET = r"^[\s•·▪►*\-–—]*"
#: Vocabulary of site chrome that labels a link list or a page control, as a whole line.
_CHROME_LINE = (r"(back to top|go to (the )?(video|top|article|homepage|home page)|skip to (main )?"
                r"content|(main |toggle )?menu|search|top stories( today)?|more to read|more to "
                r"watch|more videos|latest (news|stories|videos)|editor'?s picks|popular( now)?|"
                r"source link|read next|up next|what to read next|you might also like|"
                r"(related|more|recommended|suggested) (articles|posts|stories|news|videos|"
                r"reading|content|coverage)|related|load more|show more|"
                r"view (all|more) (comments|stories))")

BLOCK_RULES: list[tuple[str, str, re.Pattern[str]]] = [
    ("boilerplate", "navigation",
     re.compile(r"^(home|start|front page)\s*(»|›|>|/|\||:)", _I)),
    ("boilerplate", "navigation", re.compile(r"^(\S[^»›]{0,40}\s*[»›]\s*){2,}")),
    ("boilerplate", "navigation",
     re.compile(r"^([A-Z][\w&'’ -]{0,30}?\s+(>|/|\||»|›)\s+){2,}[A-Z][\w&'’ -]{0,30}$")),
    ("boilerplate", "navigation", re.compile(rf"^{_CHROME_LINE}\s*:?\s*$", _I)),
    ("boilerplate", "related-link",
     re.compile(_BULLET + r"(see also|also read|read also|also see|read more|more on this|"
                r"related( stories| articles| coverage| content| reading| posts| news)?|"
                r"recommended( for you)?|you may also like|"
                r"more from(\s+[A-Z][\w.&'’-]*(\s+[A-Z][\w.&'’-]*){0,4})?|most read|trending|"
                r"watch|listen|further reading)\b\s*[:\-–—»|]", _I)),
    # a link label run into the linked headline: "See also  Headline", "Related Headline"
    ("boilerplate", "related-link",
     re.compile(_BULLET + r"(?i:see also|also read|read also|also see|related|read more)"
                r"[\s\u00a0]+(?=[A-Z“\"‘'])")),
    ("boilerplate", "related-link",
     re.compile(r"^(related|read more|more stories|most read|trending now)\s*$", _I)),
    ("boilerplate", "comments",
     re.compile(r"(leave a (comment|reply)|add (your|a) comment|comments? \(\d+\)|post a comment"
                r"|your email address will not be published|required fields are marked"
                r"|join the (conversation|discussion)|\d+ comments?\s*$|\bno comments\b"
                r"|be the first to comment|please comment|your thoughts, please|reduce spam"
                r"|comment data is processed|captcha|i'?m not a robot|(log|sign) in to comment)",
                _I)),
    ("boilerplate", "copyright", re.compile(r"(©|\(c\) \d{4}|\bcopyright\b|all rights reserved)",
                                            _I)),
    ("boilerplate", "subscription",
     re.compile(r"(^(subscribe|sign up|register|get our|get the)\b.{0,80}(newsletter|briefing|"
                r"updates|alerts|free|today|now|to)|subscribe to our|sign up for our|"
                r"newsletter\s*$|^subscribe\s*$|^enter your e-?mail|^(your )?e-?mail"
                r"( address)?\s*[:*]?\s*$)", _I)),
    ("boilerplate", "social",
     re.compile(r"^(share( this( article| story)?)?|follow us|click to share|share on)"
                r"\b\s*(:|on\b|$)", _I)),
    ("boilerplate", "hashtags", re.compile(r"^#[^\s#]+(\s+#[^\s#]+)*\s*$")),
    ("boilerplate", "editorial-credit",
     re.compile(r"^\(?\s*(reporting|writing|editing|additional reporting|compiled|produced)"
                r" by\b", _I)),
    ("boilerplate", "editorial-policy",
     re.compile(r"(^(our standards|editorial standards|corrections policy|ethics policy)\b|"
                r"\bcode of conduct\b|\bopens (in )?(a )?new (tab|window)\s*$)", _I)),
    # an editor's note about the page itself: "(Note: The article has been translated ...",
    # "Update: This post has been updated ..."
    ("boilerplate", "editorial-note",
     re.compile(r"^(\(\s*(editor'?s )?note\s*:|(update|updated|editor'?s note|note)\s*:\s*"
                r"(this|the) (post|article|story|report|piece|page)\b)", _I)),
    ("boilerplate", "advertisement", re.compile(r"^(advertisement|sponsored( content)?|ad)\s*$",
                                                _I)),
    # the length of a video or the reading time: "02:17", "9 min read"
    ("boilerplate", "media-list", re.compile(r"^\d{1,2}(:\d{2}){1,2}\s*$")),
    ("dateline", "date-box", re.compile(r"^\d+\s*(min(ute)?s?|hours?)\s+read\s*$", _I)),
    # a line of no letters or digits: "-", "* * *"
    ("boilerplate", "separator", re.compile(r"^[^\w]+$")),
    ("boilerplate", "graphic-label",
     re.compile(r"^[\w'’.&-]+(\s+[\w'’.&-]+){0,3}\s+(graphics?|infographic|chart|map)\s*$", _I)),
    ("boilerplate", "graphic-label", re.compile(r"\b[Ss]ource\s*:\s*[A-Z][^.!?:]{0,60}$")),
    ("caption", "caption-label",
     re.compile(r"^(file photo|photo|photos|caption|image|picture|pictured|credit|photograph|"
                r"illustration|video)\s*[:|/\-–—]", _I)),
    ("caption", "photo-credit",
     re.compile(r"(\((\w[\w .&'-]*\s)?photo\b[^)]*\)|\(photo:[^)]*\)|\bphoto credit\b|"
                r"\b(reuters|afp|ap|epa|getty images|anadolu)\s*/\s*[A-Z]|via getty images|"
                r"\((?:AP|AFP|EPA|Getty Images|Reuters)\)\s*$|"
                r"\bphoto\s*\|\s*[A-Z]|\bphoto by [A-Z][^/]{1,40}/|"
                r"\(\s*(photo |image )?credits?\s*:|^provided (photo|image)\b)", _I)),
    # a credit after the caption's last period: "... an airstrike. — AFP", "... Moon.(ISRO)"
    ("caption", "photo-credit",
     re.compile(r"[.!?]\s*(—|–|-{1,2})\s*[A-Z]{2,}(\s*/\s*[A-Z][\w ]+)?\s*$|"
                r"[.!?]\(\s*[A-Z][\w .&/-]{1,30}\)\s*$")),
    ("byline", "byline",
     re.compile(r"^(?i:by|written by|words by|reported by)\s+[A-Z][\w.'’-]+([ ,]+\S+){0,12}$")),
    # a desk or staff credit on its own line: "Foreign Desk", "NEWS STAFF", "City Bureau"
    ("byline", "byline",
     re.compile(r"^[A-Z][\w.&'’-]*(\s+[A-Z][\w.&'’-]*){0,3}\s+(?i:bureau|staff|desk|"
                r"correspondents?|staff writers?|staff reporters?|news service|news desk)\s*$")),
    ("dateline", "timestamp",
     re.compile(r"^(published|updated|posted|last updated|first published)\b( on)?\s*[:\-]?\s*"
                r".{0,60}\d", _I)),
    # a date-box label whose date is lost: "Published on"
    ("dateline", "date-box",
     re.compile(r"^(published|updated|posted|last updated|first published)( on| at)?\s*:?\s*$",
                _I)),
]

_MONTH = (r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
#: A line that is only a date and time ("February 18, 2024 7:05 AM UTC", "20 Feb 2024 08:30").
TIMESTAMP_LINE = re.compile(
    rf"^((mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"({_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"([\sT,|-]+\d{{1,2}}[:.]\d{{2}}([:.]\d{{2}})?(\s*[ap]\.?m\.?)?"
    rf"(\s*\(?[A-Z]{{2,5}}([+-]\d{{1,2}})?\)?)?)?"
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
    """The role of a whole block (line) from its own shape and words, and the rule that
    chose it. ``index`` 0 is the first line of the page (a headline candidate)."""
    bare = line.lstrip("#").strip() if line.startswith("#") and line[1:2] in (" ", "#") else None
    if bare is not None:
        return "headline", "markdown-heading"
    if title and _same_text(line, title):
        return "headline", "title"
    low = None if _ODD_CASE.search(line) else line.lower()
    for role, reason, pattern in BLOCK_RULES:
        need = _literals(pattern)
        if need is not None and low is not None and not any(w in low for w in need):
            continue  # a literal every match holds is missing: the rule cannot match
        if pattern.search(line):
            return role, reason
    if TIMESTAMP_LINE.match(line):
        return "dateline", "timestamp"
    if _is_place_date_caption(line):
        return "caption", "picture-description"
    if index == 0 and _title_like(line):
        return "headline", "first-line"
    return "body", None


#: Characters that a case-insensitive pattern matches to an ASCII letter but ``str.lower``
#: does not lower to it (İ ı ſ K): a line with one is not filtered by ``_literals``.
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")


@functools.cache
def _literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings (in lower case) one of which every match of the pattern contains, read from
    the parsed pattern; None when it has none. A line whose lower-case form holds none of
    them cannot match, so the rule is skipped without running the pattern (a speed-up with
    the same roles: most lines are story text that matches no rule)."""
    found = _required(re._parser.parse(pattern.pattern, pattern.flags))  # type: ignore[attr-defined]
    return tuple(sorted(found)) if found else None


def _required(items: Any) -> set[str] | None:
    """For a parsed (sub)pattern: literal runs one of which each match holds, or None.
    Of the parts every match must go through (a literal run, a group, a repeat of at least
    one, an alternation whose every branch has one), the one with the longest shortest
    string is kept."""
    from re import _constants as c  # type: ignore[attr-defined]

    best: set[str] | None = None

    def keep(found: set[str] | None) -> None:
        nonlocal best
        if found and (best is None or (min(map(len, found)), -len(found)) >
                      (min(map(len, best)), -len(best))):
            best = found

    run = ""
    for op, av in items:
        if op is c.LITERAL and _caseless_safe(chr(av)):
            run += chr(av).lower()
            continue
        keep({run} if run else None)
        run = ""
        if op is c.SUBPATTERN:
            keep(_required(av[3]))
        elif op is c.BRANCH:
            branches = [_required(b) for b in av[1]]
            keep(None if any(b is None for b in branches) else
                 {w for b in branches if b is not None for w in b})
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) \
                and av[0] >= 1:
            keep(_required(av[2]))
    keep({run} if run else None)
    return best


def _caseless_safe(ch: str) -> bool:
    """A literal whose lower-case form a lower-cased line holds wherever the pattern
    matches it, with or without IGNORECASE: ASCII, or a character without case."""
    return ch.isascii() or (not ch.isalpha() and ch.lower() == ch == ch.upper())


#: A picture description ends on where and when the picture was taken:
#: "... in downtown Lima, Peru, on March 5.", "... in Quito, Ecuador January 9, 2024."
_PLACE_DATE_END = re.compile(
    r"[\w.'’-]+,\s+(?:[A-Z][\w.'’-]+\s+){0,2}?[A-Z][\w.'’-]+,?\s+"
    rf"(?:on\s+)?{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?\.?\s*$")
#: Reporting and past-tense auxiliaries: a sentence with one is news, not a caption.
_NEWS_VERBS = re.compile(r"\b(said|says|say|told|tells|reported|reports|according|announced|"
                         r"stated|was|were|had|has been|have been|did|will|would)\b", _I)
#: A past-tense verb (a regular one, not in a passive "-ed by" nor an adjective after a
#: determiner or preposition, "a flooded street"): news narrates, captions describe.
_PAST = re.compile(r"(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bof )(?<!\bin )(?<!\bon )(?<!\bat )"
                   r"(?<!\bits )(?<!\btheir )(?<!\bwith )\b[a-z]{2,}ed\b(?!\s+by\b)|"
                   r"\b(took|went|met|came|gave|made|fell|held|won|"
                   r"lost|led|saw|began|left|got|ran|shot|hit|struck|fought|sent|found|"
                   r"brought|kept|set|put|cut|spoke|wrote|rose|drew|threw|flew|grew)\b")


def _is_place_date_caption(line: str) -> bool:
    """One sentence describing a picture: no reporting verb or past auxiliary, no quotation,
    and it ends on "place, country (on) month day(, year)"."""
    if len(line) > 400 or not _PLACE_DATE_END.search(line) or _NEWS_VERBS.search(line) or \
            _PAST.search(line):
        return False
    if re.search(r"[\"“”]", line):
        return False
    return len(list(split_sentences(line, 0, len(line)))) == 1


def _title_like(line: str) -> bool:
    """Short, and not ended like a sentence: a headline, a section tag, a list item."""
    return len(line) < 200 and not re.search(r"[.!?][\"'”’)]?$", line)


def _one_word(line: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_][\w'’&.-]*", line))


def _same_text(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


@functools.lru_cache(maxsize=8192)
def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


STORY = ("headline", "body")
#: Lines after which the rest of the page is footer, when they come late on the page.
_PAGE_END = ("copyright", "comments")


def page_roles(lines: list[str], title: str | None) -> list[tuple[str, str | None]]:
    """Roles of all lines of a page: each line's own cues (``block_role``), then the cues of
    its place on the page."""
    roles = [block_role(line, -1, title) for line in lines]
    n = len(lines)
    # lists: the items under a related-links header, and titles next to video lengths
    in_list = False
    for i, line in enumerate(lines):
        role, reason = roles[i]
        if reason in ("related-link", "navigation") and len(line) < 40 and \
                re.fullmatch(_CHROME_LINE + r"\s*:?", line.strip(), _I):
            in_list = True
            continue
        if in_list and role == "body" and _title_like(line) and \
                re.match(r"[•·▪►*\-–—]\s", line):
            roles[i] = ("boilerplate", "related-link")
            continue
        in_list = False
    for i, line in enumerate(lines):
        teaser = bool(re.search(r"(\.\.\.|…)$", line)) and len(line) < 150 and \
            len(list(split_sentences(line, 0, len(line)))) == 1
        if roles[i][0] != "body" or not (_title_like(line) or teaser):
            continue
        near = [roles[j][1] for j in (i - 1, i + 1) if 0 <= j < n]
        if "media-list" in near or teaser:
            roles[i] = ("boilerplate", "related-link")
    # the page footer: after a late copyright line or comment form, nothing is story
    for i, (_, reason) in enumerate(roles):
        if reason in _PAGE_END and i >= 0.6 * n:
            for j in range(i + 1, n):
                if roles[j][0] in STORY:
                    roles[j] = ("boilerplate", "page-footer")
            break
    # copies: a line that repeats (or is cut from) a caption is a caption; a second copy of a
    # title-like line, or the headline with the site's name added, is furniture
    seen: dict[str, int] = {}
    keys = [_norm(line) for line in lines]
    for i, line in enumerate(lines):
        key = keys[i]
        if not key:
            continue
        if roles[i][0] in STORY:
            for j in range(max(0, i - 3), min(n, i + 3)):
                other = keys[j]
                if j != i and roles[j][0] == "caption" and other and \
                        (other.startswith(key) or key.startswith(other)):
                    roles[i] = roles[j]
                    break
        if roles[i][0] in STORY and key in seen and _title_like(line):
            roles[i] = ("boilerplate", "repeated-headline")
        seen.setdefault(key, i)
    for i, line in enumerate(lines):
        if roles[i][0] not in STORY:
            continue
        m = re.match(r"(.+?)\s+[–—|\-:]\s+([^–—|:]{2,40})$", line)
        if m and _norm(m.group(1)) in keys and _norm(m.group(1)) != keys[i] and \
                len(m.group(2).split()) <= 5:
            roles[i] = ("boilerplate", "repeated-headline")
        elif re.search(r"\bno comments on\s", line, _I):
            roles[i] = ("boilerplate", "navigation")
    # the headline: the first title-like story line, unless a title or heading was found;
    # before it, bare tags and taglines are furniture
    story = [i for i in range(n) if roles[i][0] in STORY]
    head = next((i for i in story if roles[i][0] == "headline"), None)
    if head is None and story:
        first = story[0]
        # a tagline above the headline: the headline is the line a date box or byline follows
        marked = next((i for i in story[:4] if i + 1 < n and roles[i + 1][0] in
                       ("dateline", "byline") and _title_like(lines[i]) and i + 1 < n), None)
        if marked is not None:
            first = marked
        while first < n and roles[first][0] in STORY and _one_word(lines[first]) and \
                not lines[first].isupper() and first + 1 < n:
            roles[first] = ("boilerplate", "section-tag")
            first = next((i for i in story if i > first), n)
        if first < n and _title_like(lines[first]) and roles[first][0] in STORY and \
                not (_one_word(lines[first]) and lines[first].isupper()):
            roles[first] = ("headline", "first-line")
            head = first
        for i in story:
            if i >= (head if head is not None else 0):
                break
            if roles[i][0] in STORY and (_title_like(lines[i]) or len(lines[i]) < 100 and len(
                    list(split_sentences(lines[i], 0, len(lines[i])))) == 1):
                roles[i] = ("boilerplate", "masthead")
    # a dateline on a line of its own before the story: "LIMA, March 5 (Agency) -"
    for i in range(n):
        if roles[i][0] == "body" and roles[i][1] is None:
            m = DATELINE_PREFIX.match(lines[i] + " x")
            if m and m.end() == len(lines[i]) + 1 and _looks_like_dateline(m.group("dl")):
                roles[i] = ("body", "dateline")
            break
        if roles[i][0] == "headline" and roles[i][1] == "first-line":
            m = DATELINE_PREFIX.match(lines[i] + " x")
            if m and m.end() == len(lines[i]) + 1 and _looks_like_dateline(m.group("dl")):
                roles[i] = ("body", "dateline")
                break
    # bare one-word tags after the story, and place tags in capitals on their own line
    body = [i for i in range(n) if roles[i][0] == "body"]
    last = body[-1] if body else -1
    for k, i in enumerate(body):
        line = lines[i]
        if _one_word(line) and line.isupper() and len(line) > 2 and k == 0 and len(body) > 1:
            roles[i] = ("body", "dateline")  # the dateline's place, on a line of its own
        elif _one_word(line) and (line.isupper() and len(line) > 2 or i == last and
                                  len(body) > 1):
            roles[i] = ("boilerplate", "place-tag" if line.isupper() else "credit")
    # a line cut off on a function word is a fragment (a truncated caption or teaser)
    # (a story line cut off by the page is still story: only near captions or at the end)
    for i in range(n):
        near_caption = any(roles[j][0] == "caption" for j in range(max(0, i - 3), i))
        if roles[i][0] == "body" and near_caption and re.search(
                r"\b(against|the|of|to|a|an|and|or|for|with|from|by|in|on|at)\s*$", lines[i]):
            roles[i] = ("boilerplate", "fragment")
    return roles


#: Words that open a picture description or its credit inside a paragraph.
_CAPTION_CUE = re.compile(r"\b(pictured|photographed|file photo|provided (photo|image)|"
                          r"photo (by|credit)|image credit)\b", _I)


def segment(text: str, title: str | None = None) -> list[Sentence]:
    """Sentences of the article with their roles, in order."""
    out: list[Sentence] = []
    seen_body = False
    spans = list(blocks(text))
    roles = page_roles([text[a:b] for a, b in spans], title)
    for index, ((b_start, b_end), (role, reason)) in enumerate(zip(spans, roles, strict=True)):
        line = text[b_start:b_end]
        body_start = b_start
        if role == "body" and not seen_body:
            m = DATELINE_PREFIX.match(line)
            if m and _looks_like_dateline(m.group("dl")):
                dl_end = b_start + m.end("dl")
                out.append(Sentence(len(out), b_start, dl_end, "body", index, "dateline"))
                body_start = b_start + m.end()
        if role == "body":
            seen_body = True
        if role in ("headline", "byline", "dateline"):
            spans_: list[tuple[int, int]] = [(body_start, b_end)]
        else:
            spans_ = list(split_sentences(text, body_start, b_end))
        sentence_roles = [(role, reason)] * len(spans_)
        if role == "caption" and len(spans_) > 2:
            # a picture description spliced into a paragraph: the sentences before the first
            # one that opens with a caption cue are story
            cue = next((k for k, (s, e) in enumerate(spans_)
                        if _CAPTION_CUE.match(text, s, e) or BLOCK_RULES_MATCH(text[s:e])), None)
            if cue is not None and cue >= 2:
                sentence_roles = [("body", None)] * cue + sentence_roles[cue:]
        for (s, e), (r, why) in zip(spans_, sentence_roles, strict=True):
            out.append(Sentence(len(out), s, e, r, index, why))
    return out


def BLOCK_RULES_MATCH(sentence: str) -> bool:  # noqa: N802
    """Does a sentence carry a caption label or a photo credit of its own?"""
    return any(role == "caption" and p.search(sentence) for role, _, p in BLOCK_RULES)


def _looks_like_dateline(prefix: str) -> bool:
    """A dateline's place is in capitals: at least one all-caps word of 3+ letters."""
    words = re.findall(r"[A-Za-z]+", prefix)
    return bool(words) and words[0].isupper() and len(words[0]) >= 3
