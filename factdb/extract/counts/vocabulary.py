"""What the count rules know: units, event nouns and verbs, place words, and the
records a count is built in (``Found``) and the article's state between sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factdb.extract.counts.windows import Window
from factdb.extract.tokens import LEMMA_FIX, Tok, Tokens
from factdb.lang.numbers import Quantity

EXTRACTOR = "counts"

# --- vocabulary ---------------------------------------------------------------------------

TIME_UNITS = frozenset({"second", "minute", "hour", "day", "night", "week", "weekend",
                        "fortnight", "month", "year", "decade", "century", "time", "season",
                        "quarter", "term", "round", "o'clock"})
#: lengths of time kept as measures ("25 years in prison", "a three-week truce")
DURATION_UNITS = frozenset({"second", "minute", "hour", "day", "week", "fortnight", "month",
                            "year", "decade", "century"})
#: units written as "N-unit" before a noun ("a three-week truce", "a 40-yard pass")
HYPHEN_MEASURES = frozenset({*DURATION_UNITS, "yard", "mile", "metre", "meter", "foot",
                             "inch", "kilometre", "kilometer", "km", "acre", "hectare",
                             "litre", "liter", "hp", "mpg"})
#: unit abbreviations (kept as written, lower case: "20 km" -> km, "60GB" -> gb) and the
#: units they name
UNIT_ABBREVIATIONS = {
    "km": "kilometre", "kg": "kilogram", "mph": "mile per hour", "kph": "kilometre per hour",
    "kw": "kilowatt", "kwh": "kilowatt hour", "mw": "megawatt", "gw": "gigawatt",
    "gb": "gigabyte", "mb": "megabyte", "tb": "terabyte", "mm": "millimetre",
    "cm": "centimetre", "ml": "millilitre", "hz": "hertz", "ghz": "gigahertz",
    "mhz": "megahertz", "lb": "pound-mass", "lbs": "pound-mass", "sq km": "square kilometre",
    "sq mi": "square mile", "kilometer": "kilometre", "meter": "metre", "liter": "litre",
    "hp": "horsepower", "bhp": "brake horsepower", "mah": "milliampere-hour",
    "mbps": "megabit per second", "gbps": "gigabit per second", "mg": "milligram",
    "μm": "micrometre", "ppb": "parts-per-billion",
}
#: per-game statistics of sports reports ("21.4 ppg"): the unit counted per game
PER_GAME = {"ppg": "point", "rpg": "rebound", "apg": "assist", "spg": "steal", "bpg": "block"}
#: units that keep a number after "a"/"an" a quantity ("a 25% duty", "a 75 percent
#: increase", "a 28 yard pass"; a currency sign does too: "a $800 oven")
MEASURED_AFTER_A = frozenset({"%", "percent", "per", "pct", "pc", "yard", "yards", "mile",
                              "miles", "metre", "metres", "meter", "meters", "foot", "feet",
                              "inch", "inches", "kilometre", "kilometres", "kilometer",
                              "kilometers", "acre", "acres", "hectare", "hectares", "tonne",
                              "tonnes", "ton", "tons", "degree", "degrees", "litre", "liter",
                              "sq", "square", "basis"})
#: units measured, not counted: their bands are not rounded to whole numbers
#: the unit of a level written with no unit after a change in percent ("the DAX fell 0.4 per
#: cent to 13,176"): an index or price on its own scale
LEVEL = "level"
CONTINUOUS = frozenset({"percent", "percentage point", "basis point", "dollar", "pound",
                        "euro", "yen", "rupee", "kilometre", "kilometer", "mile", "metre",
                        "meter", "degree",
                        "tonne", "ton", "barrel", "acre", "hectare", "litre", "liter", "kg",
                        "kilogram", *DURATION_UNITS, "yard", "foot", "inch",
                        *UNIT_ABBREVIATIONS, *UNIT_ABBREVIATIONS.values(), "gallon",
                        "yuan", "ringgit", "shekel", "rand", "franc", "peso", "won", "rouble",
                        "ruble", "lira", "naira", "cent", "sen", "penny", "celsius",
                        "fahrenheit", "centigrade", "newton metre", "lb-ft",
                        "metric horsepower", LEVEL})
#: nouns a rate is counted per after "a"/"an" ("$1.98 a share", "$52 a barrel", "60 miles an
#: hour"); after "per" any singular noun is ("$10 per gram")
RATE_NOUNS = frozenset({*DURATION_UNITS, "night", "share", "ounce", "barrel", "gallon",
                        "litre", "liter", "pound", "kilogram", "kilo", "tonne", "ton", "head",
                        "person", "unit", "piece", "household", "passenger", "ticket"})
#: abbreviations after "per" ("$80 per sq m", "£12 per kg") and the units they name
RATE_ABBREVIATIONS = {"m": "metre", "ft": "foot", "km": "kilometre", "kg": "kilogram",
                      "lb": "pound", "oz": "ounce", "hr": "hour", "h": "hour", "sec": "second",
                      "min": "minute", "yr": "year", "mi": "mile", "l": "litre"}
#: area units after "sq"/"square" ("570 sq m", "311 square miles")
SQUARE_UNITS = {"m": "metre", "metre": "metre", "metres": "metre", "meter": "metre",
                "meters": "metre", "km": "kilometre", "kilometre": "kilometre",
                "kilometres": "kilometre", "kilometer": "kilometre", "kilometers": "kilometre",
                "ft": "foot", "foot": "foot", "feet": "foot", "mi": "mile", "mile": "mile",
                "miles": "mile", "inch": "inch", "inches": "inch", "yard": "yard",
                "yards": "yard"}
#: currency signs written after the number ("1,200€") and their nouns
CURRENCY_AFTER = {"€": "euro", "$": "dollar", "£": "pound"}
#: currencies named by a noun after the number ("18.97 yuan", "63 cents"): money
MONEY_NOUNS = frozenset({"dollar", "euro", "yen", "rupee", "yuan", "ringgit", "shekel", "rand",
                         "franc", "peso", "won", "rouble", "ruble", "lira", "naira", "cent",
                         "sen", "penny"})
#: units of a measure (quantity_kind measure): lengths, areas, weights, durations
MEASURES = frozenset({*CONTINUOUS} - {"percent", "percentage point", "basis point",
                                      "dollar", "pound", "euro", "yen", "rupee", "yuan",
                                      "ringgit", "shekel",
                                      "rand", "franc", "peso", "won", "rouble", "ruble", "lira",
                                      "naira", "cent", "sen", "penny"})
#: words before a number that make it a change, and its direction ("rose 3%", "cut 200
#: jobs", "up 5%", "down by 2 points")
CHANGE_UP = frozenset({"rise", "rose", "risen", "rising", "rises", "increase", "increased",
                       "grow", "grew", "grown", "gain", "gained", "jump", "jumped", "climb",
                       "climbed", "surge", "surged", "soar", "soared", "add", "added", "up",
                       "raise", "raised", "boost", "boosted", "advance", "advanced"})
CHANGE_DOWN = frozenset({"fall", "fell", "fallen", "falling", "falls", "drop", "dropped",
                         "decline", "declined", "decrease", "decreased", "slip", "slipped",
                         "slide", "slid", "lose", "lost", "down", "cut", "slash", "slashed",
                         "reduce", "reduced", "shrink", "shrank", "plunge", "plunged",
                         "tumble", "tumbled", "sink", "sank", "lower", "lowered", "shed"})
CHANGE_WORDS = CHANGE_UP | CHANGE_DOWN
#: nouns that say "no" is not a count ("no doubt", "no sign of")
#: Words before a number that make it a reading on a scale, not a count.
SCALE_WORDS = frozenset({"magnitude", "category", "level", "grade", "force", "richter"})
NOT_COUNTED_AFTER_NO = frozenset({
    "sign", "indication", "reason", "plan", "detail", "comment", "way", "doubt", "evidence",
    "question", "longer", "matter", "word", "choice", "option", "need", "intention", "claim",
    "change", "progress", "end", "mention", "threat", "immediate", "information", "report",
    "confirmation", "response", "date", "timeline", "stranger", "exception",
    "deal", "agreement", "interest", "idea", "chance", "hope", "problem", "issue",
})
#: event type named by the counted noun itself
EVENT_NOUNS = {
    "attack": "attack", "assault": "attack", "raid": "attack", "ambush": "attack",
    "bombing": "attack", "incursion": "attack", "drone attack": "attack",
    "rocket attack": "attack", "strike": "strike", "airstrike": "strike",
    "air strike": "strike", "drone strike": "strike", "missile strike": "strike",
    "death": "death", "fatality": "death", "killing": "killing", "murder": "killing",
    "homicide": "killing", "injury": "injury", "casualty": "casualty", "arrest": "arrest",
    "detention": "arrest", "layoff": "job_loss", "job cut": "job_loss", "job loss": "job_loss",
    "vote": "vote", "ballot": "vote", "refugee": "displacement", "evacuee": "displacement",
    "displacement": "displacement", "case": "case", "infection": "case",
}
#: event type named by a verb or adjective near the count (lemma or inflected form)
EVENT_WORDS = {
    **{w: "killing" for w in ("kill", "killed", "killing", "kills", "slay", "slain",
                              "murder", "murdered", "execute", "executed", "assassinate",
                              "assassinated", "massacre", "massacred")},
    **{w: "death" for w in ("die", "died", "dies", "dying", "dead", "death", "deaths", "toll",
                            "perish", "perished", "drown", "drowned", "fatality",
                            "fatalities")},
    **{w: "injury" for w in ("wound", "wounded", "wounding", "injure", "injured", "injuring",
                             "hurt", "injury", "injuries", "maim", "maimed")},
    **{w: "attack" for w in ("attack", "attacked", "attacking", "assault", "assaulted",
                             "raid", "raided", "ambush", "ambushed")},
    **{w: "strike" for w in ("strike", "struck", "striking", "bomb", "bombed", "bombard",
                             "bombarded", "shell", "shelled", "airstrike", "airstrikes")},
    **{w: "arrest" for w in ("arrest", "arrested", "detain", "detained", "jail", "jailed",
                             "imprison", "imprisoned", "apprehend", "apprehended",
                             "round", "rounded")},
    **{w: "displacement" for w in ("displace", "displaced", "flee", "fled", "fleeing",
                                   "evacuate", "evacuated", "evacuation", "uproot",
                                   "uprooted", "homeless")},
    **{w: "missing" for w in ("missing",)},
    **{w: "rescue" for w in ("rescue", "rescued", "save", "saved")},
    **{w: "interception" for w in ("intercept", "intercepted")},
}
HUMAN_EVENTS = frozenset({"killing", "death", "injury", "arrest", "displacement", "missing",
                          "rescue", "casualty"})
WEAPONS = frozenset({"drone", "missile", "rocket", "shell", "bomb", "projectile", "mortar",
                     "ballistic missile", "cruise missile"})
MILITARY = frozenset({"troop", "soldier", "service member", "marine", "sailor", "airman",
                      "personnel", "peacekeeper", "peace-keeper", "force", "servicemember"})
JOBS = frozenset({"job", "position", "worker", "employee", "role", "staff", "post"})
DEPLOY_VERBS = frozenset({"have", "has", "keep", "keeps", "kept", "station", "stationed",
                          "deploy", "deployed", "deploys", "maintain", "maintains", "base",
                          "based", "send", "sent", "sends"})
JOB_GAIN = frozenset({"add", "added", "adds", "create", "created", "creates", "gain", "gained",
                      "hire", "hired", "hiring"})
JOB_LOSS = frozenset({"cut", "cuts", "cutting", "shed", "sheds", "lose", "lost", "loses",
                      "eliminate", "eliminated", "slash", "slashed", "lay", "laid", "axe",
                      "axed", "fire", "fired"})
LAUNCH = frozenset({"launch", "launched", "fire", "fired", "shoot", "shot"})
#: words before a bare number that make it an elliptical count ("there had been more than
#: 30", "compared with 30", "and 300 in Niger", "numbered 30")
ELLIPSIS_BEFORE = frozenset({"been", "were", "was", "are", "is", "numbered", "numbering",
                             "totalled", "totaled", "totalling", "totaling", "total",
                             "reached", "with", "and", "or", "from", "than", "to", "at",
                             "while", "but", "whereas", "including"})
AUXILIARIES = frozenset({"have", "has", "had", "were", "was", "are", "is", "be", "been",
                         "being", "reportedly", "also", "all"})
#: (word before, number, noun) that make a set phrase, not a count
IDIOMS = frozenset({("by", "no", "means"), ("at", "one", "stage"), ("at", "one", "point"),
                    ("at", "one", "time"), ("in", "no", "time"), ("of", "no", "use"),
                    ("under", "no", "circumstances"), ("in", "no", "way"),
                    ("at", "no", "time"), ("at", "no", "point"), ("in", "one", "way"),
                    ("at", "one", "end"), ("in", "no", "mood")})
#: verbs that put a count above the number that follows: "the toll passed 1,200"
ABOVE_VERBS = frozenset({"passes", "passed", "tops", "topped", "exceeds", "exceeded",
                         "surpasses", "surpassed", "crosses", "crossed"})
COORDINATORS = frozenset({"and", "or", ","})
PLACE_KINDS = frozenset({"city", "town", "village", "province", "region", "state", "county",
                         "district", "port", "capital", "area", "governorate", "island",
                         "islands", "prefecture", "municipality", "department", "enclave"})
MORE_AFTER = frozenset({"more", "others", "other", "additional", "further"})
PARTITIVE_DET = frozenset({"the", "its", "their", "his", "her", "our", "these", "those",
                           "your", "my", "whom", "which"})
MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "NNP", "VBN", "VBG", "HYPH", "RB", "CC", ",",
                           "ADD", "AFX", "POS"})
NOUN_TAGS = frozenset({"NN", "NNS"})
PLACE_PARTICLES = frozenset({"do", "da", "de", "del", "della", "di", "dos", "das", "al", "el",
                             "ez", "la", "le", "les", "sur"})
NUMERIC_ENTS = frozenset({"", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
PLACE_PREPS = frozenset({"in", "across", "inside", "throughout", "within"})
PLACE_ADJ = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                       "western", "central", "northeastern", "northwestern", "southeastern",
                       "southwestern", "northeast", "northwest", "southeast", "southwest",
                       "rural", "occupied", "neighbouring", "neighboring", "the"})
CLAUSE_STOP = frozenset({"while", "whereas", "but", "when", "which", "who", "where",
                         "compared", ";", ":"})
EVENT_ANCHOR_NOUNS = frozenset({
    "visit", "trip", "meeting", "talks", "summit", "attack", "strike", "raid", "election",
    "vote", "ceasefire", "truce", "war", "invasion", "storm", "earthquake", "quake", "flood",
    "fire", "blast", "explosion", "crash", "deal", "agreement", "announcement", "speech",
    "killing", "assassination", "coup", "protest", "outbreak", "hurricane", "cyclone",
    "offensive", "operation", "incident", "shooting", "bombing", "match", "game", "final",
})
CLAUSE_BOUNDARY = re.compile(
    r";|\b(?:while|whereas|but)\b|,?\s*\bcompared\s+(?:with|to)\b|\bversus\b|\bas\s+against\b"
    r"|\bcontrast\s+(?:to|with)\b|\bas\s+opposed\s+to\b|\bunlike\b",
    re.IGNORECASE)
CESSATION = re.compile(
    r"\b(?:have|has|had)\s+(?:(?:all|largely|completely|now|effectively|since|virtually)\s+)?"
    r"(?:stopped|ceased|halted|ended|dried\s+up)\b", re.IGNORECASE)
@dataclass
class Found:
    """A count being built for one sentence."""

    q: Quantity
    unit: str | None = None
    unit_span: tuple[int, int] | None = None
    head: int | None = None            # token index of the counted noun
    after: int = 0                     # token index after the expression
    basis: str = "noun"                # noun | sentence | previous | cessation | default
    event_type: str | None = None
    place_span: tuple[int, int] | None = None
    quote_end: int = 0
    window: Window | None = None
    anchor_text: tuple[str, int, int] | None = None
    qualifier: str = "exact"
    prior: Found | None = None         # the count a coordinated ellipsis takes its noun from
    change: str | None = None          # up | down: "rose by 3%"
    event_day: Window | None = None    # "killed five on Tuesday": the event's own day
    per_unit: str | None = None        # "$1.98 a share" -> share: the unit of a rate
    from_value: float | None = None    # "fell from $2,415 to $2,315": the level it left
    from_start: int | None = None      # where the quote begins when it has a from_value
    #: "$2.5 billion, plus or minus 4 percent": the written margin (low, high) of the value
    margin: tuple[float, float] | None = None
    kind: str | None = None            # age | fraction: a quantity that is no count (ages.py,
    #                                    fractions.py); else the kind follows from the unit


@dataclass
class ArticleState:
    tokens: Tokens
    anchors: list[tuple[str, int, int]] = field(default_factory=list)
    previous: list[Found] = field(default_factory=list)
    previous_span: tuple[int, int] = (0, 0)
    person_ends: frozenset[int] = frozenset()  # where names of people end (for ages)

    @property
    def previous_toks(self) -> list[Tok]:
        return self.tokens.span(*self.previous_span)


# --- one quantity -------------------------------------------------------------------------

def _index_at(toks: list[Tok], offset: int) -> int:
    """Index of the first token that starts at or after offset."""
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


#: the nouns of a fraction ("one fourth", "two thirds")
FRACTIONS = frozenset({"half", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                        "ninth", "tenth", "hundredth", "thousandth"})
#: a scale word at the end of a number ("9 billion"): no designator is written so
SCALED = re.compile(r"(?:million|billion|trillion|bn|mn|tn)$", re.IGNORECASE)


def _is_designator(before: Tok, sentence_start: bool) -> bool:
    """ "Camp 7", "Route 1", "Chapter 11": a capitalised word followed by a number; also a
    name written in mixed case or with "&" ("eReader 7", "S&P 500")."""
    word = before.text.replace("&", "")
    if word.isalpha() and (any(c.isupper() for c in word[1:]) and word[:1].islower() or
                           "&" in before.text and word.isupper()):
        return True
    if not before.text[:1].isupper() or not before.text.isalpha():
        return False
    return before.tag in ("NNP", "NNPS") or not sentence_start


#: signs written before an amount that a bare number before it shares ("about 8 or $9")
CURRENCY_SIGNS = frozenset({"$", "£", "€", "¥", "₹"})


def measure_word(tok: Tok) -> bool:
    return measure_lemma(tok) in HYPHEN_MEASURES or tok.lower in UNIT_ABBREVIATIONS or \
        measure_lemma(tok) in ("litre", "liter", "gram", "kilogram", "tonne", "degree")


def measure_lemma(tok: Tok) -> str:
    return LEMMA_FIX.get(tok.lower, tok.lemma or tok.lower).lower()
