"""The reference date of each article, from ranked evidence, each kept with its basis.

``published_basis`` says which evidence dated the article, best first:

* ``metadata``: the source's own publication date (front matter, JSON field, HTML meta);
* ``dateline``: a dateline or a timestamp line of the article ("LIMA, March 5 (Agency) -",
  "Published: 5 March 2024 10:02"); a year-less dateline takes its year from the story's
  bounds or the corpus;
* ``text``: a reporting clause of the story with a date ("the agency reported on March 5");
* ``story``: bounds from the story itself: no article is published before the latest event
  it reports in the past tense, so that date is the earliest day (``published_earliest``)
  and the best estimate when nothing better is known;
* ``corpus``: the same story dated (by metadata, dateline or text) in another article of the
  corpus, within the story's own bounds. When the article names the weekday of its news
  ("was sentenced Thursday"), the reference is that weekday on or before the other
  article's date.

Only story sentences (headline and body) are evidence: never a caption, a sidebar, a related
link or a site's date box (a timestamp line is the page's own date and counts as a
dateline). ``story`` and ``corpus`` dates are inferred: extractors lower the confidence of
rows resolved against them. With no evidence at all the date stays NULL.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from factdb.ingest.records import STORY_ROLES, Sentence, SourceDoc
from factdb.lang.calendar import EXPLICIT_DATE, parse_explicit, safe_date

#: Bases whose date is read, not inferred: another article may borrow them (``corpus``).
READ_BASES = ("metadata", "dateline", "text")
#: Bases whose date is an estimate.
INFERRED_BASES = ("story", "corpus", "inferred")

_AGENCY = re.compile(r"\((?P<agency>[A-Z][\w.&' -]{1,40})\)\s*(?:-{1,2}|—|–|:)?\s*$")
#: A reporting verb in the past, just before a date: "reported on February 18",
#: "said on Tuesday, March 5", "announced March 5".
_REPORTING = re.compile(
    r"\b(?:reported|said|announced|told|stated|published|wrote|declared|confirmed|released|"
    r"issued|posted|tweeted)\s+(?:late\s+|early\s+)?(?:on\s+)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?$", re.IGNORECASE)
#: A date in a clause about the future or a deadline is no bound on the past.
_FUTURE = re.compile(r"\b(will|would|shall|scheduled|expected|due|plans?|planned|set to|"
                     r"next|upcoming|until|till|by|before|from)\b[^.;]{0,40}$", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
                      re.IGNORECASE)
_FUTURE_NEAR = re.compile(r"\b(will|would|next|coming|upcoming|expected|scheduled|due|"
                          r"later)\b", re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass
class Estimate:
    """An article's reference date, what it rests on, and the bounds the story sets."""

    published_on: date | None = None
    basis: str | None = None
    earliest: date | None = None
    latest: date | None = None

    @property
    def inferred(self) -> bool:
        return self.basis in INFERRED_BASES


def dateline_agency(text: str, sentences: list[Sentence]) -> str | None:
    """The agency a dateline names: "PARIS, May 2 (Agency Name) -" gives "Agency Name"."""
    for s in sentences:
        if s.role_reason == "dateline":
            m = _AGENCY.search(text, s.char_start, s.char_end)
            if m:
                return m.group("agency").strip()
    return None


def _dates_in(text: str, s: Sentence) -> list[tuple[re.Match[str], int | None, int, int]]:
    out = []
    for m in EXPLICIT_DATE.finditer(text, s.char_start, s.char_end):
        year, month, day = parse_explicit(m)
        out.append((m, year, month, day))
    return out


def from_text(text: str, sentences: list[Sentence]) -> tuple[date | None, tuple[int, int] | None]:
    """A full date in a dateline or timestamp: (date, None), or (None, (month, day)) when the
    dateline gives no year. Date boxes that are not the page's timestamp do not count."""
    partial = None
    for s in sentences:
        if s.role_reason not in ("dateline", "timestamp"):
            continue
        for _, year, month, day in _dates_in(text, s):
            if year is not None:
                d = safe_date(year, month, day)
                if d is not None:
                    return d, None
            elif partial is None:
                partial = (month, day)
    return None, partial


def reporting_dates(text: str, sentences: list[Sentence]
                    ) -> tuple[list[date], list[tuple[int, int]]]:
    """Dates of reporting clauses in story sentences ("X reported on February 18"): full
    dates, and (month, day) pairs without a year."""
    full: list[date] = []
    partial: list[tuple[int, int]] = []
    for s in sentences:
        if s.role not in STORY_ROLES or s.role_reason == "dateline":
            continue
        for m, year, month, day in _dates_in(text, s):
            if not _REPORTING.search(text[max(s.char_start, m.start() - 60):m.start()]):
                continue
            if year is None:
                partial.append((month, day))
            elif (d := safe_date(year, month, day)) is not None:
                full.append(d)
    return full, partial


def latest_explicit_date(text: str, sentences: list[Sentence],
                         anchors: Sequence[date] = ()) -> date | None:
    """The latest date the story states about the past: the earliest day the article can
    have been published. A date without a year counts when ``anchors`` (the dates of other
    articles of the same story) give it one. Dates of captions and furniture never count,
    nor dates in a clause about the future ("will meet on March 5, 2024")."""
    best = None
    for s in sentences:
        if s.role not in STORY_ROLES or s.role_reason == "dateline":
            continue
        for m, year, month, day in _dates_in(text, s):
            if _FUTURE.search(text[max(s.char_start, m.start() - 50):m.start()]):
                continue
            if year is None:
                d = _year_for(month, day, anchors, None) if anchors else None
            else:
                d = safe_date(year, month, day)
            if d is not None and (best is None or d > best):
                best = d
    return best


def _year_for(month: int, day: int, anchors: Sequence[date], floor: date | None) -> date | None:
    """The (month, day) in the year that puts it nearest the anchors (a past report: on or
    before the latest anchor when it can), and not before ``floor``."""
    if not anchors and floor is None:
        return None
    ref = max(anchors) if anchors else floor
    assert ref is not None
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1)
                  if (d := safe_date(y, month, day)) is not None
                  and (floor is None or d >= floor)]
    if not candidates:
        return None
    before = [d for d in candidates if d <= ref + timedelta(days=1)]
    if before:
        return max(before)
    return min(candidates, key=lambda d: abs((d - ref).days))


def estimate(doc: SourceDoc, sentences: list[Sentence], corpus_dates: Sequence[date] = (),
             similar: Sequence[date] = ()) -> Estimate:
    """The reference date of one article from its own evidence.

    ``similar`` are the read dates (metadata, dateline, text) of other articles of the corpus
    that tell the same story, ``corpus_dates`` those of all other articles: they give a year
    to a date written without one."""
    text = doc.text
    earliest = latest_explicit_date(text, sentences, similar)
    anchors = list(similar) or ([earliest] if earliest else []) or list(corpus_dates)
    if doc.published is not None:
        return Estimate(doc.published, "metadata", earliest)
    full, partial = from_text(text, sentences)
    if full is not None:
        return Estimate(full, "dateline", earliest)
    if partial is not None:
        d = _year_for(*partial, anchors, earliest)
        if d is not None:
            return Estimate(d, "dateline", earliest)
    said, said_partial = reporting_dates(text, sentences)
    said += [d for p in said_partial if (d := _year_for(*p, anchors, earliest)) is not None]
    said = [d for d in said if earliest is None or d >= earliest]
    if said:
        return Estimate(max(said), "text", earliest)
    if earliest is not None:
        return Estimate(earliest, "story", earliest)
    return Estimate()


def _news_weekday(text: str, sentences: list[Sentence]) -> int | None:
    """The weekday the story's news happened on, when it names one about the past: the most
    frequent weekday of its story sentences outside clauses about the future."""
    days: Counter[int] = Counter()
    for s in sentences:
        if s.role not in STORY_ROLES:
            continue
        for m in _WEEKDAY.finditer(text, s.char_start, s.char_end):
            if _FUTURE_NEAR.search(text[max(s.char_start, m.start() - 25):m.start()]):
                continue
            days[_WEEKDAYS.index(m.group(1).lower())] += 1
    return days.most_common(1)[0][0] if days else None


def from_corpus(own: Estimate, text: str, sentences: list[Sentence],
                similar: Sequence[tuple[float, date]]) -> Estimate:
    """Date an article from the same story dated in other articles: the read date of the
    closest copy (the later on a tie) within the story's bounds, moved back to the weekday
    the story names."""
    usable = sorted((score, d) for score, d in similar if own.earliest is None or d >= own.earliest)
    if not usable:
        return own
    day = usable[-1][1]
    weekday = _news_weekday(text, sentences)
    if weekday is not None:
        back = (day.weekday() - weekday) % 7
        if own.earliest is None or day - timedelta(days=back) >= own.earliest:
            day -= timedelta(days=back)
    return Estimate(day, "corpus", own.earliest)


# --- the same story in other articles ------------------------------------------------------

_NAME = re.compile(r"\b(?:[A-Z][\w'’-]+|\d[\d.,]*%?)")
_STOP = frozenset("""the a an and but or in on at of for to by with from as it its this that
these those he she they we i you his her their our there here when where while after before
since if then than also however mr mrs ms dr according said says more most some many""".split())


#: A figure of the story: a number of two or more characters that is not a year.
_FIGURE = re.compile(r"(?<![\w.,])\d[\d,.]*\d%?|(?<![\w.,])\d%")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
#: Prefix of the lead's figures in a fingerprint (kept apart from the names).
LEAD = "lead#"
#: How many story sentences (headline included) make the lead.
LEAD_SENTENCES = 2


def fingerprint(text: str, sentences: list[Sentence]) -> frozenset[str]:
    """Names and numbers of the story sentences: what two copies of one story share; and
    the figures of its lead (headline and first story sentences, prefixed ``LEAD``): the
    news it reports."""
    words: set[str] = set()
    n = 0
    for s in sentences:
        if s.role not in STORY_ROLES:
            continue
        for m in _NAME.finditer(text, s.char_start, s.char_end):
            w = m.group().lower().rstrip(".,")
            if w not in _STOP and len(w) > 1:
                words.add(w)
        if s.role_reason == "dateline" or n >= LEAD_SENTENCES:
            continue
        n += 1
        for m in _FIGURE.finditer(text, s.char_start, s.char_end):
            w = m.group().rstrip(".,")
            if not _YEAR.fullmatch(w):
                words.add(LEAD + w)
    return frozenset(words)


def _figure(word: str) -> str | None:
    """A figure as a whole number, so that "24.9 percent" and "25%" or "300,000" and
    "300000" compare equal; None for a year or a single digit."""
    w = word.rstrip("%").replace(",", "")
    if _YEAR.fullmatch(w) or len(w) < 2:
        return None
    try:
        return str(int(float(w) + 0.5))
    except ValueError:
        return None


@lru_cache(maxsize=1 << 16)
def _parts(fp: frozenset[str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(the lead's figures, every figure, the names and numbers without the lead's marks)
    of a fingerprint; once per fingerprint, as every pair of a batch is compared."""
    lead = frozenset(f for w in fp if w.startswith(LEAD) and (f := _figure(w[len(LEAD):])))
    every = frozenset(f for w in fp if w[:1].isdigit() and (f := _figure(w)))
    return lead, every | lead, frozenset(w for w in fp if not w.startswith(LEAD))


def same_story(a: frozenset[str], b: frozenset[str]) -> float:
    """How much of the smaller story the other shares (0..1); 0 when the two report
    different news: both leads give figures, neither lead's figures occur in the other
    article and the two share fewer than two figures ("22 killed" and "15 killed ... 70
    killed" in two reports on one war are two stories, whatever names they share)."""
    parts_a, parts_b = _parts(a), _parts(b)
    if _other_news(parts_a, parts_b):
        return 0.0
    names_a, names_b = parts_a[2], parts_b[2]
    if not names_a or not names_b:
        return 0.0
    return len(names_a & names_b) / min(len(names_a), len(names_b))


def _other_news(a: tuple[frozenset[str], frozenset[str], frozenset[str]],
                b: tuple[frozenset[str], frozenset[str], frozenset[str]]) -> bool:
    """Whether two articles (their ``_parts``) report different news: both leads give
    figures, neither lead's figures occur in the other article and the two share fewer
    than two figures."""
    lead_a, all_a, _ = a
    lead_b, all_b, _ = b
    return bool(lead_a and lead_b and not (lead_a & all_b or lead_b & all_a)
                and len(all_a & all_b) < 2)


#: The share of names and numbers two articles of one story have in common, at least.
SAME_STORY = 0.3


def _kin(prints: Sequence[frozenset[str]], first: int | None = None) -> list[list[int]]:
    """For each of the ``first`` articles (all by default), the others of the same story
    (``same_story`` >= SAME_STORY), in order. Only the articles that share a name with it
    can be: they are found through an index of the names, and the share of names (the same
    sum as ``same_story``'s) is checked before ``same_story`` itself, so that a load does
    not compare every pair of articles. The shared names are counted with numpy: the words
    every story uses ("president", a weekday) make every article share one with most others
    (4 million pairs at 2,000 generated articles, seconds of counting in Python)."""
    import numpy as np

    parts = [_parts(fp) for fp in prints]
    names = [p[2] for p in parts]
    having: dict[str, list[int]] = {}
    for j, words in enumerate(names):
        for w in words:
            having.setdefault(w, []).append(j)
    postings = {w: np.array(js, dtype=np.int64) for w, js in having.items()}
    sizes = np.array([len(words) for words in names], dtype=np.int64)
    kin: list[list[int]] = []
    for i, words in enumerate(names[:first]):
        if not words:
            kin.append([])
            continue
        others, shared = np.unique(np.concatenate([postings[w] for w in words]),
                                   return_counts=True)
        # the share of names is same_story's own figure: what is left of it is the news
        close = others[shared / np.minimum(len(words), sizes[others]) >= SAME_STORY]
        kin.append([j for j in close.tolist() if j != i and not _other_news(parts[i], parts[j])])
    return kin


def resolve_all(items: Sequence[tuple[SourceDoc, list[Sentence]]],
                known: Sequence[tuple[date, frozenset[str]]] = ()) -> list[Estimate]:
    """Reference dates of a batch of articles. ``known`` are (read date, fingerprint) of the
    articles already stored. An article dated by its own reading (metadata, dateline, text)
    lends its date to the same story in other articles: to give a year to their year-less
    dates, and, last, as their ``corpus`` date."""
    n = len(items)
    prints = [fingerprint(doc.text, sents) for doc, sents in items]
    every = _kin(prints + [fp for _, fp in known], n)  # the stored articles, indexed after
    kin = [[j for j in js if j < n] for js in every]
    stored = [[known[j - n][0] for j in js if j >= n] for js in every]
    est: list[Estimate] = [Estimate() for _ in range(n)]

    def read(j: int) -> bool:
        return est[j].basis in READ_BASES and est[j].published_on is not None

    for _ in range(3):  # a date read in one article gives a year to its kin's, and so on
        corpus = [d for d, _ in known] + [e.published_on for j, e in enumerate(est)
                                          if read(j) and e.published_on]
        changed = False
        for i, (doc, sents) in enumerate(items):
            if read(i):
                continue
            similar = stored[i] + [est[j].published_on for j in kin[i] if read(j)]
            new = estimate(doc, sents, corpus, similar)  # type: ignore[arg-type]
            changed |= new != est[i]
            est[i] = new
        if not changed:
            break
    for i, (doc, sents) in enumerate(items):
        if not read(i):
            scored = [(same_story(prints[i], known[j - n][1]), known[j - n][0])
                      for j in every[i] if j >= n]
            scored += [(same_story(prints[i], prints[j]), day) for j in kin[i]
                       if read(j) and (day := est[j].published_on) is not None]
            est[i] = from_corpus(est[i], doc.text, sents, scored)
    return est


def resolve(doc: SourceDoc, sentences: list[Sentence],
            corpus_dates: list[date]) -> tuple[date | None, str | None]:
    """(published_on, published_basis) of one article alone (no other article tells its
    story); ``corpus_dates`` give a year to a date written without one."""
    e = estimate(doc, sentences, corpus_dates)
    return e.published_on, e.basis
