"""Date extraction: every temporal expression of an article, resolved to calendar dates.

One compiled pattern finds the *atoms* of a sentence (explicit dates, months, years,
weekdays, "yesterday", "last month", "the next day", "two days later", "a week ago",
"the past 24 hours", durations...); atoms are then combined with their connectives
("since", "between ... and", "from ... to", "until", "as of", "before", "after") and
expressions anchored on an event ("in the week before the vote", "since the
attack") are found. Expressions are resolved in text order (factdb.extract.temporal):

* ``basis`` ``explicit``: the expression names the date; a missing year is inferred
  (``anchor`` ``publication:<date>``, or ``inferred:<date>`` when the publication date is
  itself inferred, or ``date:<id>`` when the year comes from a full date just before it in
  the same paragraph).
* ``publication``: resolved against the publication date ("yesterday", "last month",
  "on Sunday").
* ``relative``: resolved against the most recent story date before it ("the next day",
  "four years earlier"); ``anchor`` is ``date:<date_id>``.
* ``event``: relative to an event named by a phrase ("the week before the vote");
  the values stay NULL and ``relation``/``span_days``/``anchor_phrase`` describe it for
  the events resolver.

Values are inclusive spans (``value_start`` .. ``value_end``); an open end is NULL
("until February 10" has no start). Parts of months and years follow temporal.py
(early = 1-10, mid = 11-20, late = 21-end). Dates in captions, boilerplate, bylines and
datelines are kept with their ``role`` and a lower confidence, and never anchor a story
date. Weekdays named with a reporting verb ("reported on Sunday") are not anchors either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from factdb import datetext
from factdb.datetext import MONTHS, NUMBER_RE, WEEKDAYS, number_value, safe_date
from factdb.extract import temporal as t
from factdb.extract.context import ArticleContext
from factdb.extract.provenance import provenance
from factdb.ingest.records import Sentence

EXTRACTOR = "dates"
STORY_ROLES = ("body", "headline")

# --- the atom pattern --------------------------------------------------------------------

_MONTH = (r"(?=[A-Z])(?i:(?:january|february|march|april|may|june|july|august|september|"
          r"october|november|december)\b|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
          r"\b\.?)")
_WD = r"(?=[A-Z])(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?![:.]\d)(?!,\d)"
_ORD_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b"
_YEAR = r"(?<![$£€\d.,:/])(?:1[89]\d\d|20\d\d)(?!\d)(?![.,]\d)"
_NUM = rf"(?<![\d,.])(?i:{NUMBER_RE})\b"
_UNIT = r"(?i:minutes?|hours?|days?|weeks?|months?|years?|decades?)\b"
_PART = (r"(?i:early|mid|late|end|the\s+(?:very\s+)?(?:end|start|beginning|middle|close|turn)"
         r"\s+of|the\s+(?:first|last|final|closing|opening)\s+days\s+of)")
_WEEK_PART = r"(?i:the\s+(?:first|second|third|fourth|last|final)\s+week\s+of)"
_QUAL = (r"(?i:less\s+than|more\s+than|fewer\s+than|just\s+over|just\s+under|over|under|"
         r"nearly|almost|about|around|some|roughly|at\s+least|within|barely|only|just)")

_ALTERNATIVES = [
    rf"(?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])"
    r"(?!\d))",
    r"(?P<sl>(?<![\d/])(?P<sl_a>[01]?\d)/(?P<sl_b>[0-3]?\d)/(?P<sl_y>(?:19|20)\d\d)(?![\d/]))",
    rf"(?P<md>(?:(?P<md_wd>{_WD}),?\s+)?(?P<md_m>{_MONTH})\s+(?P<md_d>{_DAY})"
    rf"(?:\s*[-–]\s*(?P<md_d2>{_DAY})|\s+(?i:to|through|until|till)\s+(?P<md_d3>{_DAY})"
    rf"(?!\s*[A-Za-z]))?(?:,?\s+(?P<md_y>{_YEAR}))?)",
    rf"(?P<dm>(?:(?P<dm_wd>{_WD}),?\s+)?(?:(?i:the)\s+)?(?P<dm_d>{_DAY})"
    rf"(?:\s*[-–]\s*(?P<dm_d2>{_DAY}))?\s+(?:(?i:of)\s+)?(?P<dm_m>{_MONTH})"
    rf"(?:,?\s+(?P<dm_y>{_YEAR}))?)",
    rf"(?P<nth>(?:(?P<nth_wd>{_WD}),?\s+)?(?i:the)\s+(?P<nth_d>{_ORD_DAY}))",
    rf"(?P<hol>(?=[A-Z])(?P<hol_n>(?i:christmas(?:\s+(?:day|eve))?|new\s+year['’]s\s+"
    rf"(?:day|eve)|boxing\s+day|halloween|valentine['’]s\s+day))\b(?:,?\s+(?P<hol_y>{_YEAR}))?)",
    rf"(?P<mo>(?:(?P<mo_part>{_PART}|{_WEEK_PART})[\s-]+)?(?P<mo_m>{_MONTH})"
    rf"(?:(?:\s+(?i:of))?,?\s+(?P<mo_y>{_YEAR}))?)",
    rf"(?P<qt>(?:(?i:the)\s+)?(?P<qt_o>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|"
    rf"4th))[\s-]+(?P<qt_u>(?i:quarter|half))\s+(?i:of)\s+(?:(?P<qt_y>{_YEAR})|"
    rf"(?P<qt_rel>(?i:(?:the|this|last|next)\s+year)))|Q(?P<qt_n>[1-4])\s+(?P<qt_y2>{_YEAR})"
    rf"|H(?P<qt_h>[12])\s+(?P<qt_y3>{_YEAR}))",
    r"(?P<bq>(?:(?i:the)\s+)?(?P<bq_o>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-]+"
    r"(?i:quarter)\b)",
    rf"(?P<se>(?:(?i:the)\s+)?(?:(?P<se_part>(?i:early|mid|late))[\s-]+)?"
    rf"(?P<se_s>(?i:spring|summer|autumn|fall|winter))(?:\s+(?i:of))?\s+(?P<se_y>{_YEAR}))",
    rf"(?P<yr>(?:(?P<yr_part>{_PART})[\s-]+)?(?P<yr_y>{_YEAR})(?P<yr_s>s\b)?"
    rf"(?:\s*[-–/]\s*(?P<yr_y2>{_YEAR}|\d\d(?!\d)))?)",
    r"(?P<rel>(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|"
    r"tonight|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night|earlier\s+today)\b)",
    rf"(?P<arel>(?i:(?:the\s+(?:next|following|previous|preceding|same)|that(?:\s+same)?)\s+"
    rf"(?P<arel_u>day|morning|afternoon|evening|night)|(?P<arel_el>earlier|later)\s+(?:that|"
    rf"the\s+same)\s+day|the\s+day\s+(?P<arel_da>before|after|earlier|later)|the\s+eve\s+of|"
    rf"the\s+(?P<arel_wm>next|following|previous|preceding)\s+)(?(arel_wm)(?P<arel_wd>{_WD})))",
    rf"(?P<upto>(?i:the)\s+(?:(?P<upto_n>{_NUM})\s+)?(?P<upto_u>(?i:months?|years?|weeks?|"
    r"quarters?))\s+(?i:to|through|ending(?:\s+in)?|ended(?:\s+in)?)(?=\s))",
    r"(?P<wkof>(?i:the\s+week\s+(?P<wkof_r>of|beginning|starting|commencing|ending)(?:\s+on)?)"
    r"(?=\s))",
    rf"(?P<win>(?i:the)\s+(?P<win_d>(?i:past|last|previous|preceding|next|coming|following|"
    rf"first|final|same))\s+(?:(?P<win_n>{_NUM})\s+)?(?P<win_u>{_UNIT}))",
    r"(?P<per>(?:(?P<per_pre>(?i:so\s+far|earlier|later|early|late|mid|the\s+(?:very\s+)?"
    r"(?:end|start|beginning|middle|rest|remainder|close)\s+of))[\s-]+)?"
    r"(?P<per_det>(?i:this|last|next|previous|following|coming|that|the))\s+"
    r"(?P<per_u>(?i:weekend|week|month|year|decade|spring|summer|autumn|fall|winter))\b)",
    rf"(?P<sp>(?:(?P<sp_the>(?i:the))\s+)?(?:(?P<sp_q>{_QUAL})\s+)?(?P<sp_n>{_NUM})[\s-]+"
    rf"(?P<sp_u>{_UNIT})\s+(?P<sp_dir>(?i:ago|earlier|later|before|after|prior\s+to|following|"
    rf"from\s+now|into|beforehand|afterwards?|previously)\b))",
    r"(?P<hl>(?i:(?:just\s+|only\s+|a\s+few\s+|several\s+)?(?:hours|minutes)\s+"
    r"(?P<hl_dir>later|earlier|after|before)\b))",
    rf"(?P<dur>(?i:for)\s+(?:(?P<dur_q>{_QUAL})\s+)?(?P<dur_n>{_NUM})\s+(?P<dur_u>{_UNIT}))",
    rf"(?P<adj>(?P<adj_n>(?<![\d,.])\d{{1,3}}|(?i:{NUMBER_RE}))-(?P<adj_u>(?i:hour|day|week|"
    r"month|year|decade))(?:-long)?\b(?!-old))",
    rf"(?P<wd>(?:(?P<wd_mod>(?i:last|this|next|past|coming|previous))\s+)?(?P<wd_d>{_WD})"
    r"(?:\s+(?P<wd_tod>(?i:morning|afternoon|evening|night)))?)",
]
ATOM = re.compile(r"\b(?:" + "|".join(_ALTERNATIVES) + ")")
KINDS = ("iso", "sl", "md", "dm", "nth", "hol", "mo", "qt", "bq", "se", "yr", "rel", "arel",
         "upto", "wkof", "win", "per", "sp", "hl", "dur", "adj", "wd")
assert all(alt.startswith(f"(?P<{kind}>") for alt, kind in zip(_ALTERNATIVES, KINDS, strict=True))


def _subset(*kinds: str) -> re.Pattern[str]:
    """The atom pattern restricted to the alternatives that can start with a given word
    (same order, so the same alternative wins): a cheaper match at most positions."""
    pairs = zip(_ALTERNATIVES, KINDS, strict=True)
    return re.compile(r"\b(?:" + "|".join(alt for alt, kind in pairs if kind in kinds) + ")")


_BY_START = {
    "digit": _subset("iso", "sl", "dm", "qt", "bq", "yr", "sp", "adj"),
    "the": _subset("dm", "nth", "mo", "qt", "bq", "se", "yr", "rel", "arel", "upto", "wkof",
                   "win", "per", "sp"),
    "month": _subset("md", "mo"),
    "weekday": _subset("md", "dm", "nth", "wd"),
}
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def _pattern_at(text: str, start: int) -> re.Pattern[str]:
    """The atom pattern to try at start, chosen by the word that begins there."""
    if text[start].isdigit():
        return _BY_START["digit"]
    m = _FIRST_WORD.match(text, start)
    word = m.group().lower() if m else ""
    if word == "the":
        return _BY_START["the"]
    if text[start].isupper():
        if word in MONTHS:
            return _BY_START["month"]
        if word in WEEKDAYS:
            return _BY_START["weekday"]
    return ATOM

#: The word (or two) just before an atom.
_PREV = re.compile(r"(?:^|(?<=[\s(\[,;:—–-]))(as\s+of|prior\s+to|ahead\s+of|up\s+to|"
                   r"starting\s+(?:on|in|from)|[\w©]+\.?|\(c\))[\s,]*$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s*([’']s\b|[A-Za-z][\w'’-]*|\S)?")
#: Future tense: a date without a year is the next one, not the last.
_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|(?<=\w)['’]ll|(?:is|are|am)\s+(?:due|expected|scheduled|set|"
    r"slated|poised|going|planning|hoping)\s+to|(?:is|are)\s+(?:scheduled|slated|planned|set|"
    r"due)\s+(?:for|on)|plans?|intends?\s+to|aims?\s+to|expects?|upcoming|scheduled\s+for|"
    r"to\s+be\s+held|next|(?:is|are)\s+on|(?:could|might|(?-i:may))(?!\s+have))\b",
    re.IGNORECASE)
#: A present tense that tells a schedule ("the team plays on Saturday"): future only within
#: a few words of the date and not across another event ("faces questions after the loss on
#: Saturday" is about the loss).
_SCHEDULED = re.compile(
    r"\b(?:starts|begins|opens|closes|ends|finishes|concludes|resumes|returns|meets|faces|"
    r"hosts|plays|visits|travels|kicks?\s+off|face|host|meet|play|travel)\b"
    r"(?:\s+(?!after\b|since\b|following\b|before\b)[\w'’-]+){0,10}\s*$", re.IGNORECASE)
#: Conditional or reported plans: the nearest occurrence, before or after the reference.
_MAYBE_FUTURE = re.compile(
    r"\b(?:would|(?:was|were)\s+(?:due|expected|scheduled|set|slated|"
    r"supposed|planned)\s+(?:to|for|on)|runs?|lasts|continues|remains|expected|forecast|"
    r"predicted|projected|anticipated)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\b(?:said|says)\b")
_REPORTING = re.compile(r"\b(?:said|says|told|tells|reported|reports|published|wrote|writes|"
                        r"added|stated|quoted)\s+(?:\w+\s+)?(?:on\s+)?$", re.IGNORECASE)
_AND = re.compile(r"\s*(?:and|&)\s*", re.IGNORECASE)
_TO = re.compile(r"\s*(?:[-–—]|to|until|till|through|thru)\s*", re.IGNORECASE)
_EVENT_CUE = re.compile(
    r"\b(?P<cue>since|before|after|prior\s+to|ahead\s+of|following|until|"
    r"in\s+the\s+(?:run-up|lead-up|build-up)\s+to|in\s+the\s+(?:wake|aftermath)\s+of|"
    r"on\s+the\s+eve\s+of|leading\s+up\s+to|in\s+the\s+(?P<cue_u>hours|days|weeks|months|years)"
    r"\s+(?P<cue_dir>before|after|since|following|leading\s+up\s+to|preceding))\s+",
    re.IGNORECASE)

#: Words that make "the third quarter" a quarter of the year, not of a match.
_ECONOMIC = re.compile(
    r"(?i:revenue|profit|sales|earnings|income|growth|gdp|econom|results|figures|quarterly|"
    r"fiscal|inflation|percent|output|shipments|deliveries|forecast|guidance|margin)|[%$€£]")
#: Words after which a bare month name ("in March") or year ("in 2019") is a date.
DATE_PREPS = frozenset("""in since by until till through from to during of last next this
early late mid before after between and or throughout around for that circa starting
beginning ending""".split())
YEAR_PREPS = DATE_PREPS | {"the", "©", "(c)", "copyright", "fiscal"}
#: Words a weekday may stand after and still be a date when a capitalised word follows.
WEEKDAY_PREPS = DATE_PREPS | {"on", "every", "since", "late", "early"}
#: What may follow "the 7th" for it to be a day of the month, not "the 7th Fleet".
NTH_FOLLOWERS = frozenset("""of and or to through until when at as after before but with
while""".split())
NTH_PREPS = frozenset("on by since until till from through before after and or to between"
                      .split())
UNITS = {"minute": "minute", "hour": "hour", "day": "day", "week": "week", "month": "month",
         "year": "year", "decade": "decade"}
QUALIFIERS = {"less than": "less_than", "fewer than": "less_than", "under": "less_than",
              "just under": "less_than", "within": "less_than", "barely": "less_than",
              "only": "at_most", "just": "exact", "more than": "more_than",
              "over": "more_than", "just over": "more_than", "at least": "at_least",
              "nearly": "about", "almost": "about", "about": "about", "around": "about",
              "some": "about", "roughly": "about"}

# --- vocabulary of anchor phrases ----------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z0-9](?:[\w'’\-]|\.(?=\w))*(?:(?<=\.\w)\.)?|[^\s\w]")
DETERMINERS = frozenset("""the a an this that these those his her its their our my your
last each another both""".split())
PRONOUNS = frozenset("it this that them then him".split())
SUBJECTS = frozenset("it he she they we".split())
STOP_WORDS = frozenset("""in on at by for with to from into onto over under against near about
between during through across after before since until without within amid among toward
towards per via as and or but nor so yet because while when whereas although though if unless
which who whom whose where that than is are was were be been being has have had do does did
will would shall should can could may might must said says there here not also then now
according what how why""".split())
COMMON_VERBS = frozenset("""began begun came took struck hit led left fell rose won lost made
met broke went ran saw gave got kept told sent built spent stood brought held sought fought
shot swept tore spread drove flew threw wrote sank shook blew caught fled froze grew hid lay
paid sold shut spoke stole stuck swore taught thought woke wore became forgot overtook
withdrew undertook""".split())
#: Nouns that name events: the heads a connective ("since the ceasefire") can be anchored on.
EVENT_NOUNS = frozenset("""attack attacks strike strikes airstrike airstrikes raid raids visit
visits meeting meetings talks war invasion election elections vote votes referendum summit
ceasefire truce deal agreement accord storm hurricane cyclone typhoon earthquake quake flood
floods flooding fire fires wildfire wildfires blaze eruption tsunami landslide crash collapse
explosion explosions blast blasts bombing bombings shooting shootings assassination killing
killings death deaths murder arrest arrests coup uprising revolution protest protests riot
riots crisis pandemic outbreak lockdown announcement decision ruling verdict trial hearing
inauguration resignation launch release merger acquisition takeover bankruptcy default
recession shutdown walkout game match final semifinal semi-final race tournament season
championship playoffs playoff debate campaign primary caucus rally speech funeral wedding
trip tour offensive operation incident accident disaster pause suspension withdrawal
deployment retaliation escalation incursion siege occupation hostilities fighting clashes
massacre abduction kidnapping hijacking hike cut cuts conference session poll polls runoff
swearing-in kickoff transfer injury surgery ban sanctions blockade evacuation rescue landfall
outbreak signing handover departure arrival return victory defeat win loss negotiations
budget tariffs tariff sale listing bailout rollout overthrow ouster ceremony""".split())
#: Nouns that name the phase of something: an event only with "of" ("the start of the war").
PHASE_NOUNS = frozenset("start beginning end middle close eve onset height".split())


@dataclass
class Atom:
    kind: str
    start: int
    end: int
    g: dict[str, str]
    sentence: Sentence


@dataclass
class Expr:
    """One temporal expression: atoms and how they combine."""

    start: int
    end: int
    sentence: Sentence
    form: str                       # point | range | relation | offset | window | event | ...
    atoms: list[Atom] = field(default_factory=list)
    relation: str | None = None
    amount: int | None = None
    unit: str | None = None
    qualifier: str | None = None
    phrase: str | None = None
    nested: Atom | None = None      # a date object inside ("two days after March 3")


@dataclass
class Value:
    """An atom resolved to a span."""

    start: date | None
    end: date | None
    granularity: str | None
    basis: str | None
    anchor: str | None
    confidence: float
    etype: str
    has_year: bool = False
    #: the day an endpoint stands for ("the end of January" -> January 31 as a range end)
    first: date | None = None
    last: date | None = None
    month: tuple[int, int] | None = None
    anchor_ref: int | None = None   # index of the row whose date anchored this one
    reporting: bool = False


@dataclass
class Point:
    """A story date already read: what later relative expressions resolve against."""

    index: int                      # the row
    start: date
    end: date
    granularity: str
    seq: int                        # the sentence


@dataclass
class State:
    ref: date | None
    ref_tag: str | None
    anchor: Point | None = None     # the last story day
    period: Point | None = None     # the last story date of any size
    month: tuple[int | None, int, int] | None = None  # (row index, year, month)
    year_ctx: tuple[int, date, int, int] | None = None  # (row index, day, seq, paragraph)


# --- scanning -----------------------------------------------------------------------------

_GROUPS = {kind: [(name, name[len(kind) + 1:]) for name in ATOM.groupindex
                   if name.startswith(kind + "_")] for kind in KINDS}


def _groups(m: re.Match[str], kind: str) -> dict[str, str]:
    """The sub-groups of an atom's alternative that matched, without the kind prefix."""
    out = {}
    for name, short in _GROUPS[kind]:
        v = m.group(name)
        if v is not None:
            out[short] = v
    return out


@lru_cache(maxsize=512)
def _prev_word(text: str, lo: int, start: int) -> tuple[str, int]:
    """The word (or two-word connective) just before start, lowercased, and its offset."""
    m = _PREV.search(text, max(lo, start - 24), start)
    if not m:
        return "", start
    return re.sub(r"\s+", " ", m.group(1).lower().rstrip(".")), m.start(1)


def _next_word(text: str, end: int, hi: int) -> str:
    m = _NEXT_WORD.match(text, end, hi)
    return (m.group(1) or "") if m else ""


def _keep(kind: str, g: dict[str, str], text: str, start: int, end: int,
          s: Sentence) -> bool:
    """Context checks that tell a date from a number, a name or a modal verb."""
    prev = _prev_word(text, s.char_start, start)[0]
    nxt = _next_word(text, end, s.char_end)
    if kind == "mo" and "part" not in g and "y" not in g:
        word = g["m"].rstrip(".").lower()
        full_or_dotted = word in ("january", "february", "march", "april", "may", "june",
                                  "july", "august", "september", "october", "november",
                                  "december") or g["m"].endswith(".")
        return full_or_dotted and (prev in DATE_PREPS or nxt in ("'s", "’s"))
    if kind == "yr" and "part" not in g and "s" not in g and "y2" not in g:
        listed = len(prev) == 4 and prev.isdigit() and prev[:2] in ("18", "19", "20")
        if prev not in YEAR_PREPS and nxt not in ("'s", "’s") and not listed:
            return False
        plural_noun = nxt[:1].islower() and nxt.endswith("s") and not nxt.endswith("ss")
        return not (prev in ("the", "to", "and", "or") and plural_noun)
    if kind == "yr" and "y2" in g and "part" not in g:
        return prev in YEAR_PREPS or nxt[:1].islower() or nxt in ("", ",", ".", ")")
    if kind == "nth":
        if "wd" not in g and prev not in NTH_PREPS:
            return False
        return nxt == "" or not nxt[0].isalnum() or nxt.lower() in NTH_FOLLOWERS
    if kind == "wd" and "mod" not in g and "tod" not in g:
        if nxt[:1].isupper() and prev not in WEEKDAY_PREPS and \
                nxt.lower().rstrip(".") not in MONTHS and nxt.lower() not in WEEKDAYS:
            return False
    if kind == "rel" and text[start].isupper() and start > s.char_start and \
            text[start - 1] not in "\"“‘'(":
        return False  # a name: "USA Today"
    if kind == "win" and g["d"].lower() in ("first", "final"):
        return False  # "the first 18 minutes" of a match: not anchored on a date
    if kind == "win" and "n" not in g and g["u"].lower().endswith("s"):
        return False  # "the coming months": no length
    if kind == "bq":
        return _ECONOMIC.search(text, s.char_start, s.char_end) is not None
    if kind == "per" and g["det"].lower() == "the" and "pre" not in g and \
            g["u"].lower() != "weekend":
        return False
    if kind == "per" and g["det"].lower() == "that" and g["u"].lower() in (
            "spring", "summer", "autumn", "fall", "winter"):
        return False
    return True


#: Every atom contains one of these at a word start, or a digit: scanning starts there.
TRIGGERS = tuple("""jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu fri sat sun
minute hour day week month year decade yesterday today tonight tomorrow morning afternoon
evening night eve quarter half spring summer autumn fall winter q1 q2 q3 q4 h1 h2 christmas
halloween valentine boxing""".split())
#: Words an atom may start with before its trigger ("the end of January", "less than 48").
START_WORDS = frozenset("""the a an less more fewer just over under nearly almost about around
some roughly at within barely only for so earlier later early late mid end this last next
previous preceding following coming that past several few first second third fourth final
1st 2nd 3rd 4th new""".split()) | frozenset(
    datetext.NUMBER_WORDS) | frozenset(WEEKDAYS) | frozenset(MONTHS)
_DIGITS = re.compile(r"\d+")


_ALNUM = re.compile(r"[a-z0-9]+")
#: A number that may belong to a date: a year, a day or count before a month or a unit, a
#: number joined to another by a dash or slash, an ordinal.
_DATE_NUMBER = re.compile(
    r"(?:1[89]\d\d|20\d\d)(?!\d)|\d{1,2}(?:st|nd|rd|th)?\s*[-–/]|\d{1,2}(?:st|nd|rd|th)\b|"
    r"\d{1,3}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"minute|hour|day|week|month|year|decade)", re.IGNORECASE)
#: The whole words a trigger may be (a month or weekday only when capitalised).
TRIGGER_WORDS = frozenset("""minute minutes hour hours day days week weeks weekend weekends
month months year years decade decades yesterday today tonight tomorrow morning afternoon
evening night eve quarter quarters half spring summer autumn fall winter q1 q2 q3 q4 h1 h2
christmas halloween valentine boxing""".split())
CAPITAL_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
#: Words that open a connective anchored on an event ("since the ceasefire").
CUES = ("since", "before", "after", "prior", "ahead", "following", "until", "run-up",
        "lead-up", "build-up", "wake", "aftermath", "eve", "leading", "preceding")


def triggers(text: str, low: str) -> list[int]:
    """Offsets where an atom's trigger word or number starts, in order."""
    out = [m.start() for m in _DIGITS.finditer(text)
           if not (m.start() > 1 and text[m.start() - 1] in ",.:" and
                   text[m.start() - 2].isdigit()) and _DATE_NUMBER.match(text, m.start())]
    for word in TRIGGERS:
        i = low.find(word)
        while i != -1:
            if i == 0 or not low[i - 1].isalnum():
                m = _ALNUM.match(low, i)
                whole = m.group() if m else word
                if whole in TRIGGER_WORDS or (whole in CAPITAL_WORDS and text[i].isupper()):
                    out.append(i)
            i = low.find(word, i + 1)
    return sorted(set(out))


def cue_points(low: str) -> list[int]:
    """Offsets of words that may open an event-anchored expression, in order."""
    out = []
    for word in CUES:
        i = low.find(word)
        while i != -1:
            if i == 0 or not low[i - 1].isalnum():
                out.append(i)
            i = low.find(word, i + 1)
    out.sort()
    return out


def _starts(text: str, lo: int, trigger: int) -> list[int]:
    """Where an atom covering the trigger may start: the trigger, and up to five words
    before it that can open an atom."""
    found = [trigger]
    window = text[max(lo, trigger - 40):trigger]
    parts = window.split(" ")
    pos = trigger
    for n, part in enumerate(reversed(parts)):
        if n:
            pos -= 1  # the space
        pos -= len(part)
        if n > 5 or not part:
            continue
        word = part.lstrip("(\"“‘'").split("-")[0].rstrip(",.;:").lower()
        if word in START_WORDS or word[:1].isdigit():
            found.append(pos + len(part) - len(part.lstrip("(\"“‘'")))
    found.reverse()
    return found


def scan(text: str, s: Sentence, points: list[int]) -> list[Atom]:
    """The atoms of one sentence, in order, found around its trigger points."""
    atoms: list[Atom] = []
    taken = s.char_start
    for point in points:
        if point < taken:
            continue
        for start in _starts(text, taken, point):
            m = _pattern_at(text, start).match(text, start, s.char_end)
            if m is None or m.end() <= point:
                continue
            kind = m.lastgroup
            assert kind is not None
            g = _groups(m, kind)
            if _keep(kind, g, text, m.start(), m.end(), s):
                atoms.append(Atom(kind, m.start(), m.end(), g, s))
                taken = m.end()
                break
    return atoms


# --- anchor phrases -------------------------------------------------------------------------

def anchor_phrase(text: str, pos: int, hi: int,
                  bare: bool = False) -> tuple[int, int, bool] | None:
    """The noun phrase (or short clause) an expression is anchored on, starting at pos:
    (start, end, is_clause). "the summit", "the minister's trip", "it", "two police officers
    were shot in Lagos"; with ``bare``, also a phrase without a determiner ("floods swept
    through the village")."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, pos, hi)][:16]
    if not tokens:
        return None
    first = text[tokens[0][0]:tokens[0][1]]
    low = first.lower()
    if low in PRONOUNS or low in SUBJECTS:
        following = text[tokens[1][0]:tokens[1][1]].lower() if len(tokens) > 1 else ""
        if low in SUBJECTS and following[:1].isalpha() and \
                following not in STOP_WORDS - _AUXILIARIES:
            return tokens[0][0], _clause_end(text, tokens, 1), True
        return tokens[0][0], tokens[0][1], False
    if not (low in DETERMINERS or first[0].isupper() or first[0].isdigit()
            or low in datetext.NUMBER_WORDS or first.endswith(("'s", "’s"))
            or (bare and first.isalpha() and low not in STOP_WORDS)):
        return None
    end = tokens[0][1]
    n_words = 0
    used_of = False
    i = 1
    while i < len(tokens) and n_words < 6:
        word = text[tokens[i][0]:tokens[i][1]]
        lw = word.lower()
        if not word[0].isalnum() and word not in ("-",):
            break
        if lw == "of" and not used_of and n_words > 0:
            used_of = True
            i += 1
            continue
        if lw in STOP_WORDS or lw in COMMON_VERBS or (
                lw.endswith("ed") and (n_words > 0 or low not in DETERMINERS)):
            break
        end = tokens[i][1]
        n_words += 1
        i += 1
    if low not in DETERMINERS and i < len(tokens):
        word = text[tokens[i][0]:tokens[i][1]].lower()
        if word in COMMON_VERBS or word.endswith("ed") or word in _AUXILIARIES:
            return tokens[0][0], _clause_end(text, tokens, i), True
    if low in DETERMINERS and end == tokens[0][1]:
        return None
    return tokens[0][0], end, False


_AUXILIARIES = frozenset("is are was were had has have".split())


def _clause_end(text: str, tokens: list[tuple[int, int]], i: int) -> int:
    """The end of a short clause whose verb is token i: up to punctuation, 16 tokens."""
    end = tokens[i - 1][1]
    for start, stop in tokens[i:16]:
        w = text[start:stop]
        if not w[0].isalnum() and w not in ("-", "'", "’"):
            break
        end = stop
    return end


def _is_eventish(phrase: str) -> bool:
    """Does the phrase's head noun name an event ("the summit", "the start of the war")?"""
    words = re.findall(r"[A-Za-z][\w-]*", phrase.lower())
    if "of" in words:
        head = words[words.index("of") - 1] if words.index("of") > 0 else ""
    else:
        head = words[-1] if words else ""
    head = re.sub(r"['’]s$", "", head)
    if head in PHASE_NOUNS:
        return "of" in words
    return head in EVENT_NOUNS or (head.endswith("s") and head[:-1] in EVENT_NOUNS)


# --- grouping -------------------------------------------------------------------------------

RANGEABLE = frozenset({"iso", "sl", "md", "dm", "nth", "hol", "mo", "qt", "bq", "se", "yr",
                       "wd"})
DATEISH = RANGEABLE | {"rel", "arel", "per", "win", "sp", "hl"}
RELATIONS = {"since": "since", "starting on": "since", "starting in": "since",
             "starting from": "since", "as of": "until", "until": "until", "till": "until",
             "up to": "until", "through": "until", "before": "before", "prior to": "before",
             "ahead of": "before", "after": "after", "following": "after"}
_OBJECT_DIRS = ("before", "after", "prior to", "following", "into")


def _span_fields(a: Atom) -> tuple[int | None, str, str, str]:
    """(amount, unit, direction, qualifier) of an sp/hl/arel atom."""
    if a.kind == "sp":
        unit = UNITS[a.g["u"].lower().rstrip("s")]
        q = QUALIFIERS.get(re.sub(r"\s+", " ", a.g.get("q", "").lower()), "exact")
        return (number_value(a.g["n"]), unit, re.sub(r"\s+", " ", a.g["dir"].lower()), q)
    if a.kind == "hl":
        return 1, "day", a.g["dir"].lower(), "less_than"
    return 1, "day", a.g.get("da", "after").lower(), "exact"


def group(text: str, atoms: list[Atom], s: Sentence) -> list[Expr]:
    """Combine a sentence's atoms with their connectives into expressions."""
    out: list[Expr] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        prev, lead = _prev_word(text, s.char_start, a.start)
        gap = text[a.end:nxt.start] if nxt else ""
        if a.kind in ("upto", "wkof"):
            if nxt and not gap.strip() and nxt.kind in RANGEABLE:
                out.append(Expr(a.start, nxt.end, s, a.kind, [a, nxt]))
                i += 2
            else:
                i += 1
            continue
        if nxt and a.kind in RANGEABLE and nxt.kind in RANGEABLE:
            if prev == "between" and _AND.fullmatch(gap):
                out.append(Expr(lead, nxt.end, s, "range", [a, nxt], relation="between"))
                i += 2
                continue
            if _TO.fullmatch(gap) and (prev == "from" or gap.strip() in ("-", "–", "—")
                                       or a.kind == nxt.kind):
                start = lead if prev == "from" else a.start
                out.append(Expr(start, nxt.end, s, "range", [a, nxt], relation="between"))
                i += 2
                continue
        spanlike = a.kind in ("sp", "hl") or (a.kind == "arel" and "da" in a.g)
        if spanlike:
            amount, unit, direction, qualifier = _span_fields(a)
            window = a.kind == "sp" and "the" in a.g
            if direction in _OBJECT_DIRS:
                relation = "after" if direction in ("after", "following", "into") else "before"
                if nxt and nxt.kind in DATEISH - {"sp", "hl"} and not gap.strip():
                    out.append(Expr(a.start, a.end, s, "window" if window else "offset", [a],
                                    relation, amount, unit, qualifier, nested=nxt))
                    i += 1
                    continue
                found = anchor_phrase(text, a.end, s.char_end, bare=True)
                if found is not None and not (nxt and nxt.start < found[1]):
                    p_start, p_end, is_clause = found
                    out.append(Expr(a.start, a.end if is_clause else p_end, s,
                                    "event_window" if window else "event", [a], relation,
                                    amount, unit, qualifier, phrase=text[p_start:p_end]))
                    i += 1
                    continue
            out.append(Expr(a.start, a.end, s, "offset", [a], None, amount, unit, qualifier))
            i += 1
            continue
        if a.kind == "arel" and text[a.start:a.end].lower().startswith("the eve"):
            found = anchor_phrase(text, a.end, s.char_end)
            if nxt and not gap.strip() and nxt.kind in DATEISH:
                out.append(Expr(a.start, a.end, s, "offset", [a], "before", 1, "day", "exact",
                                nested=nxt))
                i += 1
                continue
            if found is not None:
                out.append(Expr(a.start, found[1] if not found[2] else a.end, s, "event", [a],
                                "before", 1, "day", "exact", phrase=text[found[0]:found[1]]))
            i += 1
            continue
        rel = RELATIONS.get(prev)
        if rel and a.kind in DATEISH and a.kind not in ("sp", "hl"):
            out.append(Expr(lead, a.end, s, "relation", [a], rel))
        elif a.kind in ("dur", "adj"):
            out.append(Expr(a.start, a.end, s, "duration", [a]))
        else:
            out.append(Expr(a.start, a.end, s, "point", [a]))
        i += 1
    return out


def event_exprs(text: str, s: Sentence, taken: list[tuple[int, int]]) -> list[Expr]:
    """Connectives anchored on an event phrase: "since the ceasefire", "after the attack",
    "in the weeks before the vote", "since then"."""
    out = []
    for m in _EVENT_CUE.finditer(text, s.char_start, s.char_end):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
            continue
        if any(m.end() <= a < m.end() + 2 for a, _ in taken):
            continue  # the connective governs a date atom: grouped already
        found = anchor_phrase(text, m.end(), s.char_end)
        if found is None:
            continue
        p_start, p_end, is_clause = found
        phrase = text[p_start:p_end]
        cue = re.sub(r"\s+", " ", m.group("cue").lower())
        if phrase.lower() == "then":
            if cue == "since":
                out.append(Expr(m.start(), p_end, s, "since_then", [], "since"))
            continue
        if is_clause or not _is_eventish(phrase):
            continue
        if m.group("cue_u"):
            direction = m.group("cue_dir").lower()
            relation = "after" if direction in ("after", "since", "following") else "before"
            out.append(Expr(m.start(), p_end, s, "event_window", [], relation,
                            unit=UNITS[m.group("cue_u").lower().rstrip("s")], phrase=phrase))
            continue
        if cue.startswith("on the eve"):
            out.append(Expr(m.start(), p_end, s, "event", [], "before", 1, "day", "exact",
                            phrase=phrase))
            continue
        relation = ("since" if cue == "since" else "until" if cue == "until" else
                    "after" if cue in ("after", "following") or "wake" in cue
                    or "aftermath" in cue else "before")
        out.append(Expr(m.start(), p_end, s, "event", [], relation, phrase=phrase))
    return out


# --- resolution -----------------------------------------------------------------------------

def _tense(text: str, s: Sentence, start: int) -> str:
    """``future`` (a will-clause or a plan), ``maybe`` (would, could, "for <date>") or
    ``past``: how a date without a year is placed around the reference."""
    lo = s.char_start
    for m in _CLAUSE_BREAK.finditer(text, s.char_start, start):
        lo = m.end()
    if _FUTURE.search(text, lo, start) or _SCHEDULED.search(text, lo, start):
        return "future"
    if _MAYBE_FUTURE.search(text, lo, start) or _prev_word(text, lo, start)[0] == "for":
        return "maybe"
    return "past"


def _ref_anchor(st: State) -> str | None:
    return f"{st.ref_tag}:{st.ref.isoformat()}" if st.ref and st.ref_tag else None


def _guessing(st: State, tense: str) -> bool:
    """Is the year placed nearest the reference (a plan, or an inferred reference)?"""
    return tense == "maybe" or (st.ref_tag == "inferred" and tense != "future")


def _infer_day(month: int, day: int, a: Atom, text: str, st: State,
               weekday: int | None) -> tuple[date | None, str | None, float, int | None]:
    """(date, anchor, confidence, anchor row) of a month and day written without a year."""
    tense = _tense(text, a.sentence, a.start)
    if st.year_ctx is not None and tense != "future":
        row, ctx_day, seq, paragraph = st.year_ctx
        candidate = safe_date(ctx_day.year, month, day)
        if candidate is not None and paragraph == a.sentence.paragraph and \
                a.sentence.seq - seq <= 2 and abs((candidate - ctx_day).days) <= 120 and \
                (st.ref is None or candidate <= st.ref):
            return candidate, None, 0.85, row
    if st.ref is None:
        return None, None, 0.4, None
    if _guessing(st, tense):
        options = t.closest_days(month, day, st.ref)
        matching = [d for d in options if weekday is None or d.weekday() == weekday]
        chosen = (matching or options)[0] if options else None
        return chosen, _ref_anchor(st), 0.75, None
    d = t.day_of_year(month, day, st.ref, tense == "future")
    return d, _ref_anchor(st), (0.8 if tense == "future" else 0.9), None


def _weekday_check(wd: str | None, d: date | None, confidence: float) -> float:
    if wd and d is not None and datetext.weekday_number(wd) != d.weekday():
        return 0.5
    return confidence


HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
            "new year's day": (1, 1), "new year's eve": (12, 31), "boxing day": (12, 26),
            "halloween": (10, 31), "valentine's day": (2, 14)}


def _day_value(a: Atom, text: str, st: State) -> Value | None:
    """A calendar day (or a run of days in one month) named by its month and day."""
    g = a.g
    year: int | None
    day2: int | None = None
    if a.kind == "iso":
        year, month, day = int(g["y"]), int(g["m"]), int(g["d"])
    elif a.kind == "sl":
        first, other = int(g["a"]), int(g["b"])
        month, day = (first, other) if first <= 12 else (other, first)
        year = int(g["y"])
    elif a.kind == "hol":
        month, day = HOLIDAYS[re.sub(r"\s+", " ", g["n"].lower().replace("’", "'"))]
        year = int(g["y"]) if "y" in g else None
    else:
        m_word = datetext.month_number(g["m"])
        assert m_word is not None
        month, day = m_word, datetext.day_number(g["d"])
        year = int(g["y"]) if "y" in g else None
        second = g.get("d2") or g.get("d3")
        day2 = datetext.day_number(second) if second else None
    anchor, row = None, None
    if year is not None:
        d: date | None = safe_date(year, month, day)
        if d is None:
            return None
        confidence = 0.95
    else:
        d, anchor, confidence, row = _infer_day(month, day, a, text, st,
                                                datetext.weekday_number(g.get("wd", "")))
        if d is None and st.ref is not None:
            return None
    confidence = _weekday_check(g.get("wd"), d, confidence)
    end, granularity = d, "day"
    if day2 is not None and d is not None:
        e = safe_date(d.year, d.month, day2)
        if e is not None and e > d:
            end, granularity = e, "range"
    return Value(d, end, granularity, "explicit", anchor, confidence, "explicit",
                 has_year=year is not None, first=d, last=end,
                 month=(d.year, d.month) if d else None, anchor_ref=row)


def _part_key(part: str) -> str:
    """early, mid or late, or start/end/middle for "the start of", "the end of" ..."""
    p = re.sub(r"\s+", " ", part.lower())
    if p in ("early", "mid", "late"):
        return p
    if p == "end" or any(w in p for w in ("end of", "close of", "last days", "final days",
                                          "closing days")):
        return "end"
    if "middle of" in p:
        return "middle"
    return "start"


PIECES = {"start": "early", "end": "late", "middle": "mid"}


def _month_value(a: Atom, text: str, st: State) -> Value | None:
    g = a.g
    month = datetext.month_number(g["m"])
    assert month is not None
    has_year = "y" in g
    anchor = None
    confidence = 0.95 if has_year else 0.85
    if has_year:
        year = int(g["y"])
    elif st.ref is None:
        return Value(None, None, "month", "explicit", None, 0.4, "explicit")
    else:
        tense = _tense(text, a.sentence, a.start)
        if _guessing(st, tense):
            year = t.closest_month_year(month, st.ref)
        else:
            year = t.month_year(month, st.ref, tense == "future")
        anchor = _ref_anchor(st)
    first, last = t.month_span(year, month)
    start, end, granularity = first, last, "month"
    point_first, point_last = first, last
    part = g.get("part")
    if part:
        low = part.lower()
        if "week of" in low:
            ordinal = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(
                low.split()[1], -1)
            start, end = t.month_week(year, month, ordinal)
            granularity = "week"
            point_first, point_last = start, end
        else:
            key = _part_key(part)
            start, end = t.month_part(year, month, PIECES.get(key, key))
            point_first, point_last = start, end
            if key == "end":
                point_first = point_last = last
            elif key == "start":
                point_first = point_last = first
    return Value(start, end, granularity, "explicit", anchor, confidence, "explicit",
                 has_year=has_year, first=point_first, last=point_last, month=(year, month))


def _year_value(a: Atom) -> Value | None:
    g = a.g
    year = int(g["y"])
    if "s" in g:
        return _span(t.decade_span(year), "explicit", None, 0.85)
    if "y2" in g:
        raw = g["y2"]
        year2 = int(raw) if len(raw) == 4 else (year // 100) * 100 + int(raw)
        if year2 <= year:
            return None
        return _span((date(year, 1, 1), date(year2, 12, 31)), "explicit", None, 0.85)
    start, end = t.year_span(year)
    first, last = start, end
    if "part" in g:
        key = _part_key(g["part"])
        start, end = t.year_part(year, PIECES.get(key, key))
        first, last = start, end
        if key == "end":
            first = last = date(year, 12, 31)
        elif key == "start":
            first = last = date(year, 1, 1)
    return Value(start, end, "year", "explicit", None, 0.9, "explicit", True, first, last)


ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "final": 4, "last": 4}


def _quarter_value(a: Atom, st: State) -> Value | None:
    g = a.g
    if a.kind == "bq":
        if st.ref is None:
            return None
        quarter = ORDINALS[g["o"].lower()]
        span = t.quarter_span(t.quarter_year(quarter, st.ref), quarter)
        return _span(span, "publication", _ref_anchor(st), 0.7)
    if "n" in g:
        return _span(t.quarter_span(int(g["y2"]), int(g["n"])), "explicit", None, 0.9)
    if "h" in g:
        return _span(t.half_span(int(g["y3"]), int(g["h"])), "explicit", None, 0.9)
    ordinal = ORDINALS[g["o"].lower()]
    half = g["u"].lower() == "half"
    if half:
        ordinal = min(ordinal, 2)
    if "y" in g:
        year, basis, anchor = int(g["y"]), "explicit", None
    else:
        if st.ref is None:
            return None
        rel = g["rel"].lower().split()[0]
        year = st.ref.year + {"last": -1, "next": 1}.get(rel, 0)
        basis, anchor = "publication", _ref_anchor(st)
    span = t.half_span(year, ordinal) if half else t.quarter_span(year, ordinal)
    return _span(span, basis, anchor, 0.85)


def _span(span: t.Span, basis: str, anchor: str | None, confidence: float,
          granularity: str = "range", etype: str = "explicit") -> Value:
    return Value(span[0], span[1], granularity, basis, anchor, confidence, etype,
                 has_year=basis == "explicit", first=span[0], last=span[1])


def _season_value(a: Atom) -> Value:
    g = a.g
    start, end = t.season_span(int(g["y"]), g["s"].lower())
    if "part" in g:
        chosen = t.add_months(start, {"early": 0, "mid": 1, "late": 2}[g["part"].lower()])
        start, end = t.month_span(chosen.year, chosen.month)
    return _span((start, end), "explicit", None, 0.85)


def _pub(st: State, span: t.Span, granularity: str, confidence: float = 0.9,
         etype: str = "relative") -> Value:
    return Value(span[0], span[1], granularity, "publication", _ref_anchor(st), confidence,
                 etype, first=span[0], last=span[1])


def _rel(base: Point, span: t.Span, granularity: str, confidence: float = 0.8) -> Value:
    return Value(span[0], span[1], granularity, "relative", None, confidence, "relative",
                 first=span[0], last=span[1], anchor_ref=base.index)


def _unresolved(basis: str, etype: str, granularity: str | None = "day") -> Value:
    return Value(None, None, granularity, basis, None, 0.3, etype)


def _rel_word_value(a: Atom, text: str, st: State) -> Value:
    if st.ref is None:
        return _unresolved("publication", "relative")
    w = re.sub(r"\s+", " ", text[a.start:a.end].lower())
    back = {"yesterday": -1, "last night": -1, "the day before yesterday": -2,
            "tomorrow": 1, "the day after tomorrow": 2}.get(w, 0)
    d = st.ref + timedelta(days=back)
    return _pub(st, (d, d), "day")


def _arel_value(a: Atom, text: str, st: State) -> Value:
    """"The next day", "that morning", "the following Tuesday": from the last story day."""
    g = a.g
    low = re.sub(r"\s+", " ", text[a.start:a.end].lower())
    if st.anchor is None:
        return _unresolved("relative", "relative")
    base = st.anchor.start
    if "wd" in g:
        wd = datetext.weekday_number(g["wd"])
        assert wd is not None
        if g["wm"].lower() in ("next", "following"):
            d = t.weekday_on_or_after(base, wd, strict=True)
        else:
            d = t.weekday_on_or_before(base, wd, strict=True)
        return _rel(st.anchor, (d, d), "day")
    step = 0
    if " that " in f" {low} " or " same " in f" {low} ":
        step = 0
    elif any(w in low for w in ("next", "following", "after", "later")):
        step = 1
    elif any(w in low for w in ("previous", "preceding", "before", "earlier")):
        step = -1
    d = base + timedelta(days=step)
    return _rel(st.anchor, (d, d), "day")


def _period_step(det: str) -> int:
    return {"last": -1, "past": -1, "previous": -1, "preceding": -1, "next": 1, "coming": 1,
            "following": 1}.get(det, 0)


def _season_period(reference: date, season: str, step: int) -> t.Span:
    """This (the latest begun), last (the latest ended) or next season."""
    candidates = [t.season_span(y, season) for y in range(reference.year - 2,
                                                           reference.year + 2)]
    if step < 0:
        return max(c for c in candidates if c[1] < reference)
    if step > 0:
        return min(c for c in candidates if c[0] > reference)
    return max(c for c in candidates if c[0] <= reference)


def _weekend(reference: date, det: str, tense: str) -> t.Span:
    """This, last, next or "the" weekend around the reference."""
    this = t.this_weekend(reference)
    week = timedelta(days=7)
    if det in ("next", "coming"):
        return this[0] + week, this[1] + week
    if det == "this" or tense == "future":
        return this
    passed = t.weekend_on_or_before(reference)
    if det == "last" and reference.weekday() >= 5:
        return passed[0] - week, passed[1] - week
    return passed


def _anchored_period(base: Point, unit: str, step: int) -> Value:
    moved = t.shift(base.start, step, unit)
    span, granularity = t.period_of(moved, unit)
    return _rel(base, span, granularity)


def _per_value(a: Atom, text: str, st: State) -> Value:
    """"This month", "last year", "earlier this week", "that year", "the weekend"..."""
    g = a.g
    det = g["det"].lower()
    unit = g["u"].lower()
    pre = re.sub(r"\s+", " ", g.get("pre", "").lower())
    if det in ("that", "previous", "following") and st.period is not None and \
            unit in ("week", "month", "year", "decade"):
        return _anchored_period(st.period, unit, _period_step(det))
    if st.ref is None:
        return _unresolved("publication", "relative", None)
    ref = st.ref
    if unit == "weekend":
        return _pub(st, _weekend(ref, det, _tense(text, a.sentence, a.start)), "range")
    if unit in t.SEASONS:
        return _pub(st, _season_period(ref, unit, _period_step(det)), "range", 0.8)
    span, granularity = t.named_period(ref, unit, _period_step(det))
    if pre in ("so far", "earlier"):
        return _pub(st, (span[0], max(span[0], min(ref, span[1]))), "range")
    if pre in ("later", "the rest of", "the remainder of"):
        return _pub(st, (min(max(ref, span[0]), span[1]), span[1]), "range")
    if not pre:
        return _pub(st, span, granularity)
    key = _part_key(pre)
    piece = PIECES.get(key, key)
    full = span
    if unit == "month":
        span = t.month_part(span[0].year, span[0].month, piece)
    elif unit == "year":
        span = t.year_part(span[0].year, piece)
    elif unit == "week":
        offset = {"early": 0, "mid": 2, "late": 4}[piece]
        span = (span[0] + timedelta(days=offset), span[0] + timedelta(days=offset + 2))
    value = _pub(st, span, granularity)
    if key == "end":
        value.first = value.last = full[1]
    elif key == "start":
        value.first = value.last = full[0]
    return value


def _win_value(a: Atom, st: State) -> Value:
    """"The past 24 hours", "the next 18 months", "the previous week"..."""
    g = a.g
    d = g["d"].lower()
    unit = UNITS[g["u"].lower().rstrip("s")]
    amount = (number_value(g["n"]) if "n" in g else 1) or 1
    if "n" not in g and d in ("following", "previous", "preceding", "same", "next"):
        if st.period is not None:
            return _anchored_period(st.period, unit, _period_step(d))
        if st.ref is None:
            return _unresolved("publication", "relative", None)
        span, granularity = t.named_period(st.ref, unit, _period_step(d))
        return _pub(st, span, granularity, 0.6)
    if d in ("previous", "preceding", "following") and st.anchor is not None and \
            st.anchor.seq == a.sentence.seq:
        relation = "after" if d == "following" else "before"
        return _rel(st.anchor, t.window(st.anchor.start, amount, unit, relation), "range")
    if st.ref is None:
        return _unresolved("publication", "relative", "range")
    if d in ("next", "coming", "following"):
        return _pub(st, t.next_window(st.ref, amount, unit), "range", 0.85)
    return _pub(st, t.past_window(st.ref, amount, unit), "range", 0.85)


def _weekday_value(a: Atom, text: str, st: State) -> Value:
    """A weekday: the last one on or before the reference, the next one for a plan."""
    g = a.g
    wd = datetext.weekday_number(g["d"])
    assert wd is not None
    reporting = _REPORTING.search(text, max(a.sentence.char_start, a.start - 40),
                                  a.start) is not None
    if st.ref is None:
        v = _unresolved("publication", "weekday")
        v.reporting = reporting
        return v
    mod = g.get("mod", "").lower()
    tense = _tense(text, a.sentence, a.start)
    confidence = 0.85
    if mod in ("next", "coming"):
        d = t.weekday_on_or_after(st.ref, wd, strict=True)
    elif mod in ("last", "past", "previous"):
        d = t.weekday_on_or_before(st.ref, wd, strict=True)
    elif tense == "future":
        d, confidence = t.weekday_on_or_after(st.ref, wd), 0.75
    elif _guessing(st, tense):
        d, confidence = t.closest_weekday(st.ref, wd), 0.65
    else:
        d = t.weekday_on_or_before(st.ref, wd)
    v = _pub(st, (d, d), "day", confidence, etype="weekday")
    v.reporting = reporting
    return v


def _nth_value(a: Atom, st: State) -> Value | None:
    """"On the 7th": that day of the month last mentioned, else of the publication month."""
    day = datetext.day_number(a.g["d"])
    if st.month is not None:
        row, year, month = st.month
        d = safe_date(year, month, day)
        if d is None:
            return None
        v = Value(d, d, "day", "relative", None, 0.75, "explicit", first=d, last=d,
                  month=(year, month), anchor_ref=row)
    elif st.ref is None:
        return _unresolved("publication", "explicit")
    else:
        found = t.day_on_or_before(day, st.ref)
        if found is None:
            return None
        d = found
        v = _pub(st, (d, d), "day", 0.7, etype="explicit")
    v.confidence = _weekday_check(a.g.get("wd"), d, v.confidence)
    return v


def resolve_atom(a: Atom, text: str, st: State) -> Value | None:
    """The span an atom denotes, or None when it is not a date after all."""
    k = a.kind
    if k in ("iso", "sl", "md", "dm", "hol"):
        return _day_value(a, text, st)
    if k == "mo":
        return _month_value(a, text, st)
    if k == "yr":
        return _year_value(a)
    if k in ("qt", "bq"):
        return _quarter_value(a, st)
    if k == "se":
        return _season_value(a)
    if k == "rel":
        return _rel_word_value(a, text, st)
    if k == "arel":
        return _arel_value(a, text, st)
    if k == "per":
        return _per_value(a, text, st)
    if k == "win":
        return _win_value(a, st)
    if k == "wd":
        return _weekday_value(a, text, st)
    if k == "nth":
        return _nth_value(a, st)
    if k in ("sp", "hl"):
        return _offset_value(a, st)
    return None


_EARLIER = ("earlier", "before", "prior to", "beforehand", "previously", "ago")


def _offset_value(a: Atom, st: State) -> Value:
    """"Two days later", "a week ago", "four years earlier", "hours later"."""
    amount, unit, direction, qualifier = _span_fields(a)
    amount = amount or 1
    if direction in ("ago", "from now"):
        if st.ref is None:
            return _unresolved("publication", "relative")
        if direction == "ago":
            span, granularity = t.ago(st.ref, amount, unit)
            return _pub(st, span, granularity, 0.8 if unit in ("hour", "day") else 0.7)
        span, granularity = t.offset(st.ref, amount, unit, qualifier)
        return _pub(st, span, granularity, 0.7)
    if a.kind == "hl":
        amount, unit = 0, "day"
    sign = -1 if direction in _EARLIER else 1
    confidence = 0.8 if qualifier in ("exact", "less_than") else 0.65
    base = st.period if unit in ("month", "year", "decade") else st.anchor
    if base is None:
        return _unresolved("relative", "relative")
    if base.granularity == "day":
        span, granularity = t.offset(base.start, sign * amount, unit, qualifier)
    else:
        span = t.shift_span((base.start, base.end), sign * amount, unit)
        granularity = base.granularity
    return _rel(base, span, granularity, confidence)


# --- rows -----------------------------------------------------------------------------------

@dataclass
class Row:
    start: int
    end: int
    sentence: Sentence
    rule: str
    value: Value
    etype: str
    relation: str | None = None
    amount: int | None = None
    unit: str | None = None
    qualifier: str | None = None
    phrase: str | None = None


def _story(s: Sentence) -> bool:
    return s.role in STORY_ROLES


def _note(st: State, index: int, row: Row) -> None:
    """Remember a story date for the relative expressions after it."""
    if not _story(row.sentence):
        return
    v = row.value
    if v.start is None or v.end is None or v.reporting or v.granularity is None:
        return
    point = Point(index, v.start, v.end, v.granularity, row.sentence.seq)
    st.period = point
    if v.start == v.end and v.granularity == "day":
        st.anchor = point
        if v.has_year and row.etype == "explicit":
            st.year_ctx = (index, v.start, row.sentence.seq, row.sentence.paragraph)


def _note_month(st: State, index: int, row: Row, value: Value) -> None:
    if _story(row.sentence) and value.month is not None:
        st.month = (index, value.month[0], value.month[1])


UPTO_UNITS = {"month": ("month", 1), "year": ("year", 1), "week": ("week", 1),
              "quarter": ("month", 3)}


def _resolve_expr(e: Expr, text: str, st: State, rows: list[Row]) -> None:
    """Resolve one expression in text order, appending its rows and updating the state."""
    if e.form == "point":
        a = e.atoms[0]
        v = resolve_atom(a, text, st)
        if v is None:
            return
        rows.append(Row(e.start, e.end, e.sentence, a.kind, v, v.etype))
        _note(st, len(rows) - 1, rows[-1])
        _note_month(st, len(rows) - 1, rows[-1], v)
    elif e.form == "duration":
        a = e.atoms[0]
        q = QUALIFIERS.get(re.sub(r"\s+", " ", a.g.get("q", "").lower()), "exact")
        rows.append(Row(e.start, e.end, e.sentence, a.kind,
                        Value(None, None, None, None, None, 0.8, "duration"), "duration", None,
                        number_value(a.g["n"]), UNITS[a.g["u"].lower().rstrip("s")], q))
    elif e.form == "range":
        _resolve_range(e, text, st, rows)
    elif e.form in ("upto", "wkof"):
        _resolve_bounded(e, text, st, rows)
    elif e.form == "relation":
        va = resolve_atom(e.atoms[0], text, st)
        if va is None:
            return
        v = _relation_value(e.relation or "", va, st)
        rows.append(Row(e.start, e.end, e.sentence, "relation", v, "range", e.relation))
        _note_month(st, len(rows) - 1, rows[-1], va)
    elif e.form in ("offset", "window") and e.nested is not None:
        _resolve_nested(e, text, st, rows)
    elif e.form == "offset":
        a = e.atoms[0]
        v = _offset_value(a, st)
        relation = "before" if _span_fields(a)[2] in _EARLIER else "after"
        rows.append(Row(e.start, e.end, e.sentence, a.kind, v, "relative", relation,
                        e.amount, e.unit, e.qualifier))
        _note(st, len(rows) - 1, rows[-1])
    elif e.form in ("event", "event_window"):
        size: str | None = None
        if e.form == "event_window":
            size = "range"
        elif e.unit is not None:
            size = e.unit if e.unit in ("month", "year") else "day"
        v = Value(None, None, size, "event", f"event:{e.phrase}", 0.7, "event_relative")
        rows.append(Row(e.start, e.end, e.sentence, "event", v, "event_relative", e.relation,
                        e.amount, e.unit, e.qualifier, e.phrase))
    elif e.form == "since_then":
        if st.anchor is None or st.ref is None:
            v = _unresolved("relative", "range", "range")
        else:
            v = _rel(st.anchor, (st.anchor.start, st.ref), "range", 0.75)
        rows.append(Row(e.start, e.end, e.sentence, "since", v, "range", "since"))


def _resolve_range(e: Expr, text: str, st: State, rows: list[Row]) -> None:
    """"Between A and B", "from A to B", "A-B"."""
    a, b = e.atoms
    va, vb = resolve_atom(a, text, st), resolve_atom(b, text, st)
    if va is None or vb is None or va.first is None or vb.last is None:
        return
    start, end = t.order_range(va.first, vb.last, va.has_year)
    basis = "explicit" if va.basis == vb.basis == "explicit" else (va.basis or "explicit")
    v = Value(start, end, "range", basis, va.anchor or vb.anchor,
              min(va.confidence, vb.confidence) * 0.95, "range", anchor_ref=va.anchor_ref)
    rows.append(Row(e.start, e.end, e.sentence, "range", v, "range", "between"))
    _note(st, len(rows) - 1, rows[-1])
    _note_month(st, len(rows) - 1, rows[-1], vb)


def _resolve_bounded(e: Expr, text: str, st: State, rows: list[Row]) -> None:
    """"The 12 months to June", "the week of December 9"."""
    a, b = e.atoms
    vb = resolve_atom(b, text, st)
    if vb is None or vb.first is None or vb.last is None:
        return
    if e.form == "upto":
        unit, per = UPTO_UNITS[a.g["u"].lower().rstrip("s")]
        amount = ((number_value(a.g["n"]) if "n" in a.g else 1) or 1) * per
        span, granularity = t.window_to(vb.last, amount, unit), "range"
    else:
        relation = a.g["r"].lower()
        if relation == "of":
            span = t.week_span(vb.first)
        elif relation == "ending":
            span = (vb.first - timedelta(days=6), vb.first)
        else:
            span = (vb.first, vb.first + timedelta(days=6))
        granularity = "week"
    v = Value(span[0], span[1], granularity, vb.basis, vb.anchor, vb.confidence * 0.95,
              "range" if e.form == "upto" else "explicit", anchor_ref=vb.anchor_ref)
    rows.append(Row(e.start, e.end, e.sentence, e.form, v, v.etype))
    _note(st, len(rows) - 1, rows[-1])
    _note_month(st, len(rows) - 1, rows[-1], vb)


def _resolve_nested(e: Expr, text: str, st: State, rows: list[Row]) -> None:
    """"Two days after March 3", "the two weeks before March 3": the date is a row too."""
    assert e.nested is not None
    inner = resolve_atom(e.nested, text, st)
    if inner is None:
        return
    rows.append(Row(e.nested.start, e.nested.end, e.sentence, e.nested.kind, inner,
                    inner.etype))
    inner_index = len(rows) - 1
    _note(st, inner_index, rows[-1])
    _note_month(st, inner_index, rows[-1], inner)
    amount = e.amount or 1
    unit = e.unit or "day"
    base = inner.last if e.relation == "after" else inner.first
    if base is None:
        v = _unresolved("relative", "relative")
    elif e.form == "window":
        span = t.window(base, amount, unit, e.relation or "before")
        v = Value(span[0], span[1], "range", "relative", None, inner.confidence * 0.9,
                  "relative", anchor_ref=inner_index)
    else:
        sign = -1 if e.relation == "before" else 1
        span, granularity = t.offset(base, sign * amount, unit, e.qualifier or "exact")
        v = Value(span[0], span[1], granularity, "relative", None, inner.confidence * 0.85,
                  "relative", anchor_ref=inner_index)
    rows.append(Row(e.start, e.end, e.sentence, e.form, v, "relative", e.relation, amount,
                    unit, e.qualifier))


def _relation_value(relation: str, va: Value, st: State) -> Value:
    """The span of "since X" (to the reference), "until X", "before X", "after X"."""
    confidence = va.confidence * 0.95
    start: date | None = None
    end: date | None = None
    if relation == "since":
        start, end = va.first, st.ref
        if start is not None and end is not None and end < start:
            end = None
    elif relation == "until":
        end = va.last
    elif relation == "before":
        end = va.first - timedelta(days=1) if va.first else None
    else:
        start = va.last + timedelta(days=1) if va.last else None
    return Value(start, end, "range", va.basis, va.anchor, confidence, "range", va.has_year,
                 anchor_ref=va.anchor_ref)


def reference(ctx: ArticleContext, atoms: list[Atom]) -> tuple[date | None, str | None]:
    """The date past-tense expressions resolve against, and what it is: ``publication``,
    or ``inferred`` (the publication date was inferred, or is unknown and stood in for by
    the article's latest full date)."""
    if ctx.published_on is not None:
        return ctx.published_on, ("inferred" if ctx.published_basis == "inferred"
                                  else "publication")
    full = []
    for a in atoms:
        if a.kind in ("iso", "sl", "md", "dm") and "y" in a.g and \
                _tense(ctx.text, a.sentence, a.start) == "past":
            v = _day_value(a, ctx.text, State(None, None))
            if v is not None and v.start is not None:
                full.append(v.start)
    inferred = infer_reference(full)
    return inferred, ("inferred" if inferred else None)


def infer_reference(ctx_dates: list[date]) -> date | None:
    """A reference date for an article without a publication date: the latest full date
    (with a year) it states about the past (see temporal.infer_reference)."""
    return t.infer_reference(ctx_dates)


def extract(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """Every temporal expression of the article as a ``dates`` row."""
    text = ctx.text
    low = text.lower()
    points = triggers(text, low)
    cues = cue_points(low)
    per_sentence = []
    i = 0
    for s in ctx.sentences:
        while i < len(points) and points[i] < s.char_start:
            i += 1
        j = i
        while j < len(points) and points[j] < s.char_end:
            j += 1
        per_sentence.append((s, scan(text, s, points[i:j])))
        i = j
    ref, tag = reference(ctx, [a for _, atoms in per_sentence for a in atoms])
    st = State(ref, tag)
    rows: list[Row] = []
    k = 0
    for s, atoms in per_sentence:
        exprs = group(text, atoms, s)
        while k < len(cues) and cues[k] < s.char_start:
            k += 1
        if k < len(cues) and cues[k] < s.char_end:
            exprs += event_exprs(text, s, [(a.start, a.end) for a in atoms] +
                                 [(e.start, e.end) for e in exprs])
        exprs.sort(key=lambda e: e.start)
        for e in exprs:
            _resolve_expr(e, text, st, rows)
    return {"dates": _to_dicts(ctx, rows)}


def _to_dicts(ctx: ArticleContext, rows: list[Row]) -> list[dict[str, Any]]:
    order = sorted(range(len(rows)), key=lambda i: (rows[i].start, -rows[i].end))
    ids = {i: f"{ctx.article_id}:d{n}" for n, i in enumerate(order)}
    out = []
    for i in order:
        r = rows[i]
        v = r.value
        confidence = v.confidence if _story(r.sentence) else v.confidence * 0.6
        anchor = v.anchor
        if v.anchor_ref is not None:
            anchor = f"date:{ids[v.anchor_ref]}"
        row = provenance(ctx, r.start, r.end, f"{EXTRACTOR}:{r.rule}", confidence)
        row.update({
            "date_id": ids[i],
            "value_start": v.start,
            "value_end": v.end,
            "granularity": v.granularity,
            "basis": v.basis,
            "anchor": anchor,
            "relation": r.relation,
            "span_days": t.span_days(r.amount, r.unit) if r.amount and r.unit else None,
            "span_count": r.amount,
            "span_unit": r.unit,
            "span_qualifier": r.qualifier if r.amount else None,
            "anchor_phrase": r.phrase,
            "role": r.sentence.role,
            "expression_type": r.etype,
            "date_key": f"{v.start.isoformat()}/{v.end.isoformat()}"
            if v.start is not None and v.end is not None else None,
        })
        out.append(row)
    return out
