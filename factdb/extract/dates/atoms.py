"""The date atom pattern: one regular expression whose named alternatives are the
kinds of date expression (``KINDS``), with the vocabulary and the records (atoms,
expressions, values) that the grammar and the resolution share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from factdb.ingest.records import Sentence
from factdb.lang.calendar import MONTHS, NUMBER_RE, WEEKDAYS

EXTRACTOR = "dates"

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
    rf"(?P<hol>(?=[A-Z])(?P<hol_n>(?i:christmas(?:\s+(?:day|eve))?|thanksgiving(?:\s+day)?|"
    rf"easter(?:\s+(?:sunday|monday))?|new\s+year['’]s\s+"
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
    r"to\s+be\s+held|next(?!\s+to\b)|(?:is|are)\s+on|slated|planning\s+for|"
    r"prepar(?:es|ing)\s+for|"
    r"(?:could|might|must|should|(?-i:may))(?!\s+(?:have|not)\b))\b",
    re.IGNORECASE)
#: A present tense that tells a schedule ("the team plays on Saturday"): future only within
#: a few words of the date and not across another event ("faces questions after the loss on
#: Saturday" is about the loss).
_SCHEDULED = re.compile(
    r"\b(?:starts|begins|opens|closes|ends|finishes|concludes|resumes|returns|meets|faces|"
    r"convenes|reconvenes|expires|reopens|adjourns|takes\s+effect|"
    r"hosts|plays|visits|travels|kicks?\s+off|face|host|meet|play|travel)\b"
    r"(?:\s+(?!after\b|since\b|following\b|before\b)[\w'’-]+){0,10}\s*$", re.IGNORECASE)
#: Conditional or reported plans: the nearest occurrence, before or after the reference.
#: So are negated modals ("could not stop the bullet Friday night").
_MAYBE_FUTURE = re.compile(
    r"\b(?:would|(?:was|were)\s+(?:due|expected|scheduled|set|slated|"
    r"supposed|planned)\s+(?:to|for|on)|runs?|lasts|continues|remains|expected|forecast|"
    r"predicted|projected|anticipated|(?:could|might|must|should|(?-i:may))\s+not)\b",
    re.IGNORECASE)
#: A plan told in the past, anywhere in the sentence before the date: a planning verb and
#: then its "to", "for" or "until" ("planned to leave Nairobi on Thursday", "postponed
#: until Tuesday", "invited the ministers of three countries to a ceremony on March 12").
#: A planning verb with its object is one too ("planned a demonstration on Saturday", "has
#: scheduled a news conference Thursday"); a participle before a noun is not ("the
#: long-planned summit opened on Monday").
_PLAN = re.compile(
    r"(?<![-\w])(?<!the\s)(?<!\ba\s)(?<!\ban\s)(?<!its\s)"
    r"(?:planned|planning|decided|agreed|voted|promised|pledged|vowed|threatened|prepared|"
    r"ready|invited|subpoenaed|summoned|scheduled|rescheduled|postponed|delayed|deferred|"
    r"adjourned)\b(?:[^.;]{0,80}?\b(?:to|for|until|till)\b|\s+(?:a|an|the|its|their|his|her)\b)",
    re.IGNORECASE)
#: Putting something off: the date it is put off to lies ahead ("postponed until Tuesday
#: any action", "extended the deadline to March 6").
_PUT_OFF = re.compile(
    r"\b(?:postponed|postpones?|delayed|deferred|adjourned|extended|pushed\s+back|put\s+off)"
    r"\b[^.;]{0,60}?\b(?:until|till|to)\s+$", re.IGNORECASE)
#: A past-tense clause after a future cue ("will take him home, where he has lived since he
#: was rescued in November"): the date belongs to the past clause.
_PAST_AFTER = re.compile(r"\b(?:since|was|were|had|did|ago)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\b(?:said|says)\b")
#: A date that opens its clause: only "on", "by" or "the" before it.
_OPENS = re.compile(r"\s*(?:[Oo]n\s+|[Bb]y\s+|[Tt]he\s+)?")
#: The words after a date that opens its clause, up to the next break (at most 12 words).
_CLAUSE_AFTER = re.compile(r"[\s,]*(?P<words>(?:[^\s,;:()—–]+\s+){0,12})")
#: A future told after the date ("On Tuesday, the league plans to hold ..."): a will-clause
#: or a plan in the present tense.
_FUTURE_AFTER = re.compile(
    r"\b(?:will|shall|(?<=\w)['’]ll|(?:is|are|am)\s+(?:due|expected|scheduled|set|slated|"
    r"poised|going|planning|hoping)\s+to|(?:plans|intends|aims|hopes)\s+to)\b", re.IGNORECASE)
#: Where a plan's sentence starts over: a reporting verb or a semicolon.
_REPORT_BREAK = re.compile(r";|\b(?:said|says|told|added)\b")
#: A noun after a date that makes it a plan ("the Jan. 14 deadline").
_PLAN_NOUN = re.compile(r"\s+(?:deadline|target\s+date|return\s+date|due\s+date)\b",
                        re.IGNORECASE)
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
beginning ending into""".split()) | {"as of", "prior to", "ahead of", "up to"}
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
    #: the TimeML value when the span's own granularity does not say it (a season, a
    #: decade, a part of a day, "earlier this week")
    timex: str | None = None


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
    #: the reference is only a bound (the story's latest dated event): a year-less date is
    #: placed nearest it, on either side
    bound: bool = False
    #: the dateline's day when it precedes the publication date: "today", "tonight" ...
    written: date | None = None
