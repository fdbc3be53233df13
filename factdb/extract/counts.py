"""Counted quantities in story text: value, band, qualifier, unit, event type, place, window.

"more than 30 raids in the week before the vote", "no shelling since March 3",
"about 1,200 troops in Chad and 300 in Niger", "14 people were killed", "$5 billion".
Only story sentences (body, headline) are read: numbers in captions and page furniture are
not counts. Years, dates, times, ordinals, designators ("Camp 7"), model names (F-35),
ages, durations and scores are not counts either. The rules are written in docs/counts.md.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factdb.extract.context import ArticleContext
from factdb.extract.numbers import Quantity, band, find_quantities
from factdb.extract.provenance import UngroundedFact, provenance
from factdb.extract.windows import Window, find_windows
from factdb.ingest.records import Sentence

EXTRACTOR = "counts"

# --- vocabulary ---------------------------------------------------------------------------

TIME_UNITS = frozenset({"second", "minute", "hour", "day", "night", "week", "weekend",
                        "fortnight", "month", "year", "decade", "century", "time", "season",
                        "quarter", "term", "round", "o'clock"})
#: units measured, not counted: their bands are not rounded to whole numbers
CONTINUOUS = frozenset({"percent", "percentage point", "dollar", "pound", "euro", "yen",
                        "rupee", "kilometre", "kilometer", "mile", "metre", "meter", "degree",
                        "tonne", "ton", "barrel", "acre", "hectare", "litre", "liter", "kg",
                        "kilogram"})
LEMMA_FIX = {"people": "person", "%": "percent", "pct": "percent", "per cent": "percent",
             "police": "police", "personnel": "personnel", "staff": "staff",
             "data": "data", "media": "media", "troops": "troop"}
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
                             "while", "but", "whereas"})
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
    r";|\b(?:while|whereas|but)\b|,?\s*\bcompared\s+(?:with|to)\b|\bversus\b|\bas\s+against\b",
    re.IGNORECASE)
CESSATION = re.compile(
    r"\b(?:have|has|had)\s+(?:(?:all|largely|completely|now|effectively|since|virtually)\s+)?"
    r"(?:stopped|ceased|halted|ended|dried\s+up)\b", re.IGNORECASE)
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


@dataclass(frozen=True, slots=True)
class Tok:
    text: str
    start: int
    end: int
    lemma: str
    tag: str
    ent: str
    ent_begins: bool = False

    @property
    def lower(self) -> str:
        return self.text.lower()


class Tokens:
    """The article's tokens, from the spaCy doc when there is one (converted on demand)."""

    def __init__(self, ctx: ArticleContext) -> None:
        doc = ctx.products.get("doc")
        self.doc: Any = doc if doc is not None and getattr(doc, "text", None) == ctx.text \
            else None
        self.tagged = self.doc is not None
        self._made: dict[int, Tok] = {}
        if self.doc is not None:
            self.starts: list[int] = [int(i) for i in self.doc.to_array("IDX")]
        else:
            fallback = []
            for s in ctx.sentences:
                first = True
                for m in _FALLBACK_TOKEN.finditer(ctx.text, s.char_start, s.char_end):
                    fallback.append(_guess(m.group(), m.start(), first))
                    first = False
            self._made = dict(enumerate(fallback))
            self.starts = [t.start for t in fallback]

    def _tok(self, i: int) -> Tok:
        tok = self._made.get(i)
        if tok is None:
            t = self.doc[i]
            tok = Tok(t.text, t.idx, t.idx + len(t.text), t.lemma_.lower(), t.tag_,
                      t.ent_type_, t.ent_iob_ == "B")
            self._made[i] = tok
        return tok

    def span(self, start: int, end: int) -> list[Tok]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        toks = [self._tok(i) for i in range(lo, hi)]
        return [t for t in toks if not t.text.isspace()]

    def tag_at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        tok = self._tok(i)
        return tok.tag if tok.end > offset else None


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


@dataclass
class ArticleState:
    tokens: Tokens
    anchors: list[tuple[str, int, int]] = field(default_factory=list)
    previous: list[Found] = field(default_factory=list)
    previous_span: tuple[int, int] = (0, 0)

    @property
    def previous_toks(self) -> list[Tok]:
        return self.tokens.span(*self.previous_span)


# --- tokens -------------------------------------------------------------------------------

def article_tokens(ctx: ArticleContext) -> Tokens:
    return Tokens(ctx)


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


# --- the extractor ------------------------------------------------------------------------

def extract(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """Counts in the story sentences of one article."""
    tokens = article_tokens(ctx)
    state = ArticleState(tokens)
    rows: list[dict[str, Any]] = []
    for sentence in ctx.story_sentences():
        found = sentence_counts(ctx, sentence, tokens, state)
        for f in found:
            row = _row(ctx, sentence, f, len(rows), tokens.tagged)
            if row is not None:
                rows.append(row)
        state.previous = [f for f in found if f.unit]
        state.previous_span = (sentence.char_start, sentence.char_end)
    return {"counts": rows}


def sentence_counts(ctx: ArticleContext, sentence: Sentence, tokens: Tokens,
                    state: ArticleState) -> list[Found]:
    text, s0, s1 = ctx.text, sentence.char_start, sentence.char_end
    windows = find_windows(text, s0, s1, ctx.published_on,
                           tokens.tag_at if tokens.tagged else None)
    anchors = _resolve_anchors(windows, state)
    quantities = find_quantities(text, s0, s1)
    if not quantities and not CESSATION.search(text, s0, s1):
        return []
    toks = tokens.span(s0, s1)
    found: list[Found] = []
    for q in quantities:
        if _inside_window_phrase(q, windows) or q.kind == "score":
            continue
        f = _counted(toks, q, found, state, s0, windows)
        if f is not None:
            found.append(f)
    found.extend(_cessations(text, toks, windows, s0, s1))
    found.sort(key=lambda f: f.q.start)
    for f in found:
        _place(toks, f)
    for f in found:  # "two people were killed and 11 injured in Odesa": the place is shared
        if f.prior is not None and f.place_span and f.prior.place_span is None and \
                f.prior.after <= f.after:
            f.prior.place_span = f.place_span
    fronted = _fronted_place(toks)
    for f in found:  # "In Chile, more than 1,200 people have died": the place leads
        if f.place_span is None and fronted is not None and fronted[1] <= f.q.start:
            f.place_span = fronted
    boundaries = [m.start() for m in CLAUSE_BOUNDARY.finditer(text, s0, s1)]
    for f in found:
        f.window = _governing_window(text, s0, f, windows, boundaries)
        if f.window is not None and f.window.anchor_phrase is not None:
            f.anchor_text = anchors.get(f.window.start)
    return found


def _inside_window_phrase(q: Quantity, windows: list[Window]) -> bool:
    for w in windows:
        stop = w.anchor_start if w.anchor_start is not None else w.end
        if w.start <= q.num_start < stop:
            return True
    return False


def _resolve_anchors(windows: list[Window],
                     state: ArticleState) -> dict[int, tuple[str, int, int]]:
    """Anchor phrase of each event-relative window; a pronoun takes the last one named."""
    out: dict[int, tuple[str, int, int]] = {}
    for w in windows:
        if w.anchor_phrase is None or w.anchor_start is None or w.anchor_end is None:
            continue
        if w.pronoun_anchor:
            earlier = state.anchors[-1] if state.anchors else _event_noun(state.previous_toks)
            out[w.start] = earlier or (w.anchor_phrase, w.anchor_start, w.anchor_end)
        else:
            out[w.start] = (w.anchor_phrase, w.anchor_start, w.anchor_end)
            state.anchors.append(out[w.start])
    return out


def _event_noun(toks: list[Tok]) -> tuple[str, int, int] | None:
    """The last "the <event noun>" of a sentence: what "it" in the next one refers to."""
    for i in range(len(toks) - 1, 0, -1):
        if toks[i].lemma in EVENT_ANCHOR_NOUNS and toks[i - 1].lower in ("the", "this", "that"):
            start = toks[i - 1].start
            return f"{toks[i - 1].text} {toks[i].text}", start, toks[i].end
    return None


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


def _counted(toks: list[Tok], q: Quantity, found: list[Found], state: ArticleState,
             s0: int, windows: list[Window]) -> Found | None:
    """The count a quantity makes, or None when it is not a count."""
    if q.definite:
        return None
    first = _index_at(toks, q.num_start)
    qfirst = _index_at(toks, q.start)
    before = toks[qfirst - 1] if qfirst > 0 else None
    if before is not None and q.kind in ("numeral", "words") and q.start == q.num_start:
        if _is_designator(before, qfirst == 1 or before.start == s0):
            return None
        if before.lower in ("a", "an") and q.value != 1:
            return None  # "a 25 basis point cut", "a 2,000 strong force": a modifier
    if before is not None and before.lower in SCALE_WORDS:
        return None  # "a magnitude 7.8 quake", "a category 4 storm": a reading on a scale
    after = _index_at(toks, q.end)
    f = Found(q=q, after=after, quote_end=q.end, qualifier=q.qualifier)
    if q.value == 0 and q.kind in ("numeral", "words"):
        f.qualifier = "none"
    if before is not None and before.lower in ABOVE_VERBS and f.qualifier == "exact":
        f.qualifier = "more_than"
    # a noun inside a window phrase is not the counted one: "up from 700 last week"
    limit = min([w.start for w in windows if w.start >= q.end], default=len(toks) and
                toks[-1].end + 1)
    if q.currency:
        f.unit, f.unit_span = q.currency, (q.start, q.end)
    elif not _noun_after(toks, after, f, limit):
        if not _elliptical(toks, first, after, f, found, state):
            return None
    if f.unit is None or f.unit.split()[-1] in TIME_UNITS:
        return None
    if q.year_like and (f.basis != "noun" or before is not None and before.tag in ("IN", "TO")
                        or f.head is not None and toks[f.head].tag != "NNS"):
        return None
    if q.kind == "none" and f.basis == "noun" and f.head is not None:
        head = toks[f.head]
        if head.lemma in NOT_COUNTED_AFTER_NO or (head.tag != "NNS" and
                                                  f.unit not in EVENT_NOUNS):
            return None
    if q.kind == "range" and f.basis != "noun":
        return None
    if q.kind == "words" and q.value == 1 and after < len(toks) and \
            toks[after].lower in ("of", "another"):
        return None  # "one of the factions": a mention, not a count
    if f.event_type is None:
        f.event_type = _event_type(toks, f, found)
    if f.event_type is None and f.prior is None and before is not None and \
            before.lower in COORDINATORS:
        prior = _coordinated_prior(toks, qfirst, found)
        if prior is not None:
            f.event_type = prior.event_type
    return f


def _coordinated_prior(toks: list[Tok], qfirst: int, found: list[Found]) -> Found | None:
    """The count right before "and"/"or" that this one is coordinated with."""
    if not found or qfirst < 2:
        return None
    prior = found[-1]
    return prior if toks[qfirst - 2].end <= prior.quote_end + 1 else None


def _is_designator(before: Tok, sentence_start: bool) -> bool:
    """ "Camp 7", "Route 1", "Chapter 11": a capitalised word followed by a number."""
    if not before.text[:1].isupper() or not before.text.isalpha():
        return False
    return before.tag in ("NNP", "NNPS") or not sentence_start


def _noun_after(toks: list[Tok], i: int, f: Found, limit: int) -> bool:
    """Find the counted noun after the number; sets unit, unit_span, head, quote_end."""
    n = _index_at(toks, limit)
    if i >= n:
        return False
    t = toks[i]
    if t.text == "%" or t.lower in ("percent", "pct"):
        return _set_unit(f, "percent", toks, i, i)
    if t.lower == "per" and i + 1 < n and toks[i + 1].lower == "cent":
        return _set_unit(f, "percent", toks, i, i + 1)
    if t.lower == "percentage" and i + 1 < n and toks[i + 1].lemma == "point":
        return _set_unit(f, "percentage point", toks, i, i + 1)
    j = i
    partitive = False
    if t.lower == "of":
        j += 1
        partitive = True
        if j < n and toks[j].lower in PARTITIVE_DET:
            j += 1
        # "of the state's 497 municipalities", "of the 250 seats"
        pos = next((k for k in range(j, min(j + 4, n)) if toks[k].tag == "POS"), None)
        if pos is not None:
            j = pos + 1
        if j < n and toks[j].tag == "CD":
            j += 1
    begin = j
    skipped = 0
    while j < n and skipped < 6:
        tj = toks[j]
        model = tj.tag == "CD" and any(c.isalpha() for c in tj.text)  # "F-16", "S-300"
        if (tj.tag not in MODIFIER_TAGS and not model) or (tj.text[:1].isdigit() and not model):
            break
        next_tag = toks[j + 1].tag if j + 1 < n else ""
        if (tj.tag == "CC" and next_tag not in ("JJ", "NNP")) or \
                (tj.tag == "," and next_tag != "JJ") or \
                (tj.tag == "RB" and next_tag not in ("JJ", "VBN", "NN", "NNS")):
            break
        j += 1
        skipped += 1
    if toks[j - 1].tag in ("CC", ",") if j > begin else False:
        j -= 1
    k = j
    while k < n and (toks[k].tag in NOUN_TAGS or (toks[k].tag == "HYPH" and k > j and
                                                  k + 1 < n and toks[k + 1].tag in NOUN_TAGS)):
        if toks[k].lemma in ("percent",) and k > j:
            break
        k += 1
    if k == j:
        # a plural proper noun of people: "12 Palestinians", "two Americans"
        last = j - 1
        if last >= begin and toks[last].tag == "NNPS":
            return _set_unit(f, _singular(toks[last].lower), toks, i, last, head=last)
        if partitive and j < n and toks[j].lower in ("them", "those", "whom", "which"):
            f.after = j + 1
        return False
    nouns = toks[j:k]
    head = nouns[-1]
    if head.lower in MORE_AFTER and len(nouns) == 1:
        return False  # "two others": the noun is left out
    lemma = LEMMA_FIX.get(head.lower, head.lemma or _singular(head.lower))
    if head.tag == "NNS" and lemma == head.lower and lemma.endswith("s"):
        lemma = _singular(lemma)
    parts = [t.lower for t in nouns[:-1] if t.tag != "HYPH"]
    if any(not p.replace("-", "").isalpha() for p in parts):
        parts = []  # "S-300 missiles": a model name is not part of the unit
    unit = " ".join([*parts, lemma]) if parts and not any(
        t.tag == "HYPH" for t in nouns) else ("-".join([*parts, lemma]) if parts else lemma)
    return _set_unit(f, unit, toks, begin if not partitive else i, k - 1, head=k - 1)


def _set_unit(f: Found, unit: str, toks: list[Tok], first: int, last: int,
              head: int | None = None) -> bool:
    f.unit = unit
    f.unit_span = (toks[first].start, toks[last].end)
    f.head = head if head is not None else last
    f.after = last + 1
    f.quote_end = toks[last].end
    f.basis = "noun"
    return True


def _elliptical(toks: list[Tok], first: int, after: int, f: Found, found: list[Found],
                state: ArticleState) -> bool:
    """A number whose noun is left out: "more than 30", "300 in Niger", "dozens more"."""
    q = f.q
    if q.kind in ("none", "range"):
        return False
    qfirst = _index_at(toks, q.start)
    before = toks[qfirst - 1].lower if qfirst > 0 else ""
    nxt = toks[after].lower if after < len(toks) else ""
    more = nxt in MORE_AFTER
    if more:
        f.after = after + 1
        f.quote_end = toks[after].end
    event = _event_type(toks, f, found)
    # "Storm leaves 12 dead", "3 killed in blast": a count of people hurt or killed
    human_next = EVENT_WORDS.get(nxt) in HUMAN_EVENTS and toks[after].tag in ("JJ", "VBN")
    if human_next:
        event = EVENT_WORDS[nxt]
    allowed = q.kind == "any" or more or human_next or before in ELLIPSIS_BEFORE or \
        before in ABOVE_VERBS \
        or (event is not None and (before in EVENT_WORDS or before == "down" or
                                   _lemma_before(toks, qfirst) in EVENT_WORDS))
    if not allowed:
        return False
    prior = _antecedent_count(toks, found)
    toll = next((t for t in toks[:qfirst] if t.lemma == "toll"), None)
    if prior is not None:
        f.unit, f.basis = prior.unit, "sentence"
        f.prior = prior
        if before in COORDINATORS and prior.qualifier == "about" and \
                f.qualifier == "exact" and q.kind == "numeral":
            f.qualifier = "about"
        if event is None:
            event = prior.event_type
    elif toll is not None:
        f.unit, f.basis = "person", "sentence"
        event = event or "death"
    elif event in HUMAN_EVENTS and q.kind != "any":
        f.unit, f.basis = "person", "default"
    else:
        noun = _antecedent(toks, qfirst)
        if noun is not None:
            f.unit, f.basis = _lemma(noun), "sentence"
        elif not _existential_or_bounded(toks, qfirst, f):
            return False
        elif state.previous:
            f.unit, f.basis = state.previous[-1].unit, "previous"
            if event is None:
                event = state.previous[-1].event_type
        else:
            noun = _antecedent(state.previous_toks, len(state.previous_toks))
            if noun is None:
                return False
            f.unit, f.basis = _lemma(noun), "previous"
    assert f.unit is not None
    f.event_type = EVENT_NOUNS.get(f.unit, event)
    return True


def _existential_or_bounded(toks: list[Tok], qfirst: int, f: Found) -> bool:
    """Whether a count may take its noun from the sentence before: "there had been more
    than 30", "had numbered more than 30" (a bare "fell to 7.5" may not)."""
    if f.q.kind == "any" or f.qualifier not in ("exact", "none"):
        return True
    return any(t.lower == "there" for t in toks[max(0, qfirst - 4):qfirst])


def _lemma(tok: Tok) -> str:
    if tok.lower in LEMMA_FIX:
        return LEMMA_FIX[tok.lower]
    if tok.lemma and tok.lemma != tok.lower:
        return tok.lemma
    return _singular(tok.lower) if tok.tag in ("NNS", "NNPS") else tok.lower


def _antecedent_count(toks: list[Tok], found: list[Found]) -> Found | None:
    """The latest count of the sentence that is not inside a prepositional phrase
    ("1,400 cases across 17 states, compared with 58": the 58 are cases)."""
    for p in reversed(found):
        if not p.unit:
            continue
        i = _index_at(toks, p.q.start)
        if i > 0 and toks[i - 1].tag == "IN" and toks[i - 1].lower not in (
                "than", "with", "of", "that", "while", "because", "as"):
            continue
        return p
    return None


def _lemma_before(toks: list[Tok], i: int) -> str:
    return toks[i - 1].lemma if i > 0 else ""


def _antecedent(toks: Sequence[Tok], before: int) -> Tok | None:
    """The plural noun a left-out noun stands for: the last one, climbing out of
    prepositional phrases ("attacks on US forces, which had numbered 20" -> attacks)."""
    k = next((j for j in range(before - 1, -1, -1)
              if toks[j].tag == "NNS" and toks[j].lemma not in TIME_UNITS), None)
    if k is None:
        return None
    while True:
        j = k - 1
        while j >= 0 and toks[j].tag in ("DT", "PRP$", "JJ", "NNP", "NNPS", "HYPH", "POS",
                                         "NN", "CD", "VBN"):
            j -= 1
        if j >= 1 and toks[j].tag == "IN" and toks[j].lower in ("on", "against", "in", "of",
                                                              "at", "by", "from", "targeting"):
            m = j - 1
            while m >= 0 and toks[m].tag in ("JJ", "NNP", "HYPH", "VBN"):
                m -= 1
            if m >= 0 and toks[m].tag == "NNS" and toks[m].lemma not in TIME_UNITS:
                k = m
                continue
        return toks[k]


def _event_type(toks: list[Tok], f: Found, found: list[Found]) -> str | None:
    """The kind of event the count is about: from its noun, else a nearby verb or noun."""
    unit = f.unit
    if unit is not None:
        if unit in EVENT_NOUNS:
            return EVENT_NOUNS[unit]
        head = unit.split()[-1]
        if head in EVENT_NOUNS and head not in ("case",):
            return EVENT_NOUNS[head]
    taken = [(p.q.start, p.quote_end) for p in found]
    best: tuple[int, str] | None = None
    # backward: the governing verb ("killed 14", "struck 40 targets")
    dist = 0
    qfirst = _index_at(toks, f.q.start)
    j = qfirst - 1
    while j >= 0 and dist < 7:
        t = toks[j]
        if t.tag in (",", ":", ".") or t.text in (";", "(", ")") or \
                t.lower in ("and", "or", "but", "while") or \
                any(a <= t.start < b for a, b in taken):
            break  # a verb before "and" belongs to the count before it
        kind = _event_word(toks, j, unit)
        if kind is not None:
            best = (dist, kind)
            break
        j -= 1
        dist += 1
    # forward: "14 people were killed", "31 fighters died"
    j, dist = f.after, 0
    while j < len(toks) and dist < 8:
        t = toks[j]
        if t.lower in CLAUSE_STOP or t.text in (";", ":") or t.tag == "CD":
            break
        kind = _event_word(toks, j, unit)
        if kind is not None:
            if best is None or dist < best[0]:
                best = (dist, kind)
            break
        j += 1
        dist += 1
    if best is not None:
        return best[1]
    if unit in MILITARY:
        for t in toks[max(0, qfirst - 3):qfirst]:
            if t.lower in DEPLOY_VERBS or t.lemma in DEPLOY_VERBS:
                return "deployment"
        if qfirst >= 2 and toks[qfirst - 2].lower == "there" and toks[qfirst - 1].lemma == "be":
            return "deployment"
    return None


def _event_word(toks: list[Tok], j: int, unit: str | None) -> str | None:
    t = toks[j]
    head = unit.split()[-1] if unit else None
    if head in JOBS:
        if t.lower in JOB_GAIN or t.lemma in JOB_GAIN:
            return "job_gain"
        if t.lower in JOB_LOSS or t.lemma in JOB_LOSS:
            return "job_loss"
    if head in WEAPONS and (t.lower in LAUNCH or t.lemma in LAUNCH):
        if t.lemma == "shoot" and j + 1 < len(toks) and toks[j + 1].lower == "down":
            return "interception"
        return "attack"
    if t.lemma == "shoot" and j + 1 < len(toks) and toks[j + 1].lower == "down":
        return "interception"
    if t.lemma == "leave" and any(x.lemma == "home" for x in toks[j + 1:j + 4]):
        return "displacement"
    if t.lower == "round" or t.lemma == "round":
        return "arrest" if j + 1 < len(toks) and toks[j + 1].lower == "up" else None
    kind = EVENT_WORDS.get(t.lemma) or EVENT_WORDS.get(t.lower)
    if kind == "strike" and t.tag in ("NN", "NNS") and head is not None and \
            head not in ("target", "site", "position", "facility", "location"):
        return None  # "a drone strike on a U.S. outpost ... killed three": the noun is a cause
    return kind


def _place(toks: list[Tok], f: Found) -> None:
    """ "in <place>" after the counted noun, within the clause: "1,200 troops in Chad"."""
    j = f.after
    steps = 0
    while j < len(toks) and steps < 12:
        t = toks[j]
        if t.lower in CLAUSE_STOP or t.text in (";", ":") or \
                (t.tag == "CD" and t.ent in NUMERIC_ENTS):
            return
        if t.lower in PLACE_PREPS:
            k = j + 1
            while k < len(toks) and toks[k].lower in PLACE_ADJ and toks[k].text.islower():
                k += 1
            # "in the southern city of Odesa"
            if k + 1 < len(toks) and toks[k].lower in PLACE_KINDS and toks[k + 1].lower == "of":
                k += 2
            span = _place_name(toks, k)
            if span is not None:
                a, b = span
                # coordinated places: "in Chad and Niger", "in Chad or Niger"
                while b + 1 < len(toks) and toks[b].lower in ("and", "or", ",") and \
                        toks[b + 1].text[:1].isupper():
                    more = _place_name(toks, b + 1)
                    if more is None:
                        break
                    b = more[1]
                f.place_span = (toks[a].start, toks[b - 1].end)
                if j == f.after:
                    f.quote_end = toks[b - 1].end
                return
        j += 1
        steps += 1


def _fronted_place(toks: list[Tok]) -> tuple[int, int] | None:
    """The place of a sentence that opens with "In <place>," (offsets), if it does."""
    if len(toks) < 3 or toks[0].lower not in ("in", "across", "inside"):
        return None
    span = _place_name(toks, 1)
    if span is None or span[1] >= len(toks) or toks[span[1]].text != ",":
        return None
    return toks[span[0]].start, toks[span[1] - 1].end


def _place_name(toks: list[Tok], k: int) -> tuple[int, int] | None:
    """Token range [a, b) of a place name starting at k (a GPE/LOC entity or capitals)."""
    if k >= len(toks) or not toks[k].text[:1].isupper():
        return None
    if toks[k].ent not in ("GPE", "LOC"):
        return None
    b = k + 1
    while b < len(toks) and toks[b].ent == toks[k].ent and not toks[b].ent_begins:
        b += 1
    while b - 1 > k and not toks[b - 1].text[:1].isalnum():
        b -= 1
    # "Rio Grande do Sul", "Deir ez-Zor": a lowercase particle inside the name
    while b + 1 < len(toks) and toks[b].lower in PLACE_PARTICLES and \
            toks[b + 1].tag == "NNP" and toks[b + 1].text[:1].isupper():
        b += 2
    return k, b


def _cessations(text: str, toks: list[Tok], windows: list[Window], s0: int,
                s1: int) -> list[Found]:
    """ "Raids ... have stopped since March 3": none since the window start."""
    out = []
    for m in CESSATION.finditer(text, s0, s1):
        window = next((w for w in windows if 0 <= w.start - m.end() <= 2 and
                       w.relation in ("since", "after")), None)
        if window is None:
            continue
        verb = _index_at(toks, m.start())
        subject = next((t for t in toks[:verb] if t.tag == "NNS" and
                        t.lemma not in TIME_UNITS), None)
        if subject is None:
            continue
        q = Quantity(m.start(), m.end(), m.start(), 0.0, "none", "cessation", m.group())
        unit = LEMMA_FIX.get(subject.lower, subject.lemma)
        f = Found(q=q, unit=unit, unit_span=(subject.start, subject.end), basis="cessation",
                  quote_end=m.end(), qualifier="none", after=_index_at(toks, m.end()))
        f.event_type = EVENT_NOUNS.get(unit)
        out.append(f)
    return out


def _governing_window(text: str, s0: int, f: Found, windows: list[Window],
                      boundaries: list[int]) -> Window | None:
    """The nearest window phrase in the same clause as the count. A comma between them is
    crossed only by a fronted window ("Since March 3, there have been no raids")."""
    best: tuple[int, int, Window] | None = None
    for w in windows:
        lo, hi = min(w.start, f.q.start), max(w.end, f.quote_end)
        if any(lo < b < hi for b in boundaries):
            continue
        if w.end <= f.q.start:
            gap, after = f.q.start - w.end, 1
            between = text[w.end:f.q.start]
        elif w.start >= f.quote_end:
            gap, after = w.start - f.quote_end, 0
            between = text[f.quote_end:w.start]
        else:
            continue
        if f.q.kind == "cessation" and w.start < f.q.start:
            continue
        if after and not _fronted(text, s0, w.start, boundaries):
            continue  # a window before the count governs it only when it opens the clause
        if not after and "," in between:
            continue
        if w.clausal and after and "," not in between:
            continue
        if best is None or (gap, after) < best[:2]:
            best = (gap, after, w)
    return best[2] if best else None


def _fronted(text: str, s0: int, start: int, boundaries: list[int]) -> bool:
    """Whether a phrase opens its sentence or clause."""
    opening = max([s0, *[b for b in boundaries if b < start]])
    lead = text[opening:start].strip(" ,;\"“'‘(").lower()
    return lead in ("", "but", "while", "whereas", "and", "yet") or \
        lead.endswith((" but", " while", " and", "compared with", "compared to"))


# --- rows ---------------------------------------------------------------------------------

def _fmt(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def count_key(unit: str, qualifier: str, value: float, place: str | None,
              w: Window | None) -> str:
    """A key shared by the same count told by several articles."""
    window = ""
    if w is not None:
        start = w.window_start.isoformat() if w.window_start else ""
        open_end = w.relation in ("since", "after", "so_far", "past")
        end = "" if open_end or w.window_end is None else w.window_end.isoformat()
        span = f"/{w.span_days}d" if w.span_days else ""
        window = f"{w.relation}:{start}..{end}{span}"
    return "|".join([unit, qualifier, _fmt(value), place_key(place), window])


def place_key(place: str | None) -> str:
    """A place as a set of names: "Chad and Niger", "Chad or Niger" -> "chad+niger"."""
    if not place:
        return ""
    names = re.split(r"\s*(?:,|\band\b|\bor\b)\s*", place.lower())
    return "+".join(sorted(n for n in names if n))


def _row(ctx: ArticleContext, sentence: Sentence, f: Found, n: int,
         tagged: bool) -> dict[str, Any] | None:
    q = f.q
    assert f.unit is not None
    discrete = f.unit not in CONTINUOUS and f.unit.split()[-1] not in CONTINUOUS
    qualifier = f.qualifier
    value = 0.0 if qualifier == "none" else q.value
    low, high = band(value, qualifier, discrete, q.nearly, q.high, q.decimals)
    confidence = {"noun": 0.9, "sentence": 0.75, "default": 0.7, "previous": 0.6,
                  "cessation": 0.6}[f.basis]
    if q.kind == "vague":
        confidence -= 0.1
    if not tagged:
        confidence -= 0.1
    try:
        prov = provenance(ctx, q.start, f.quote_end, f"{EXTRACTOR}:{f.basis}", confidence)
    except UngroundedFact:
        return None
    w = f.window
    place = ctx.text[f.place_span[0]:f.place_span[1]] if f.place_span else None
    anchor = f.anchor_text
    row: dict[str, Any] = {
        "count_id": f"{ctx.article_id}:c{n}",
        "value": value,
        "value_low": low,
        "value_high": high,
        "qualifier": qualifier,
        "unit": f.unit,
        "event_type": f.event_type,
        "window_start": w.window_start if w else None,
        "window_end": w.window_end if w else None,
        "anchor_event_id": None,
        **prov,
        "place": place,
        "place_entity_id": None,
        "place_char_start": f.place_span[0] if f.place_span else None,
        "place_char_end": f.place_span[1] if f.place_span else None,
        "count_key": count_key(f.unit, qualifier, value, place, w),
        "window_relation": w.relation if w else None,
        "window_span_days": w.span_days if w else None,
        "window_anchor_phrase": anchor[0] if anchor else None,
        "window_anchor_char_start": anchor[1] if anchor else None,
        "window_anchor_char_end": anchor[2] if anchor else None,
        "window_quote": ctx.text[w.start:w.end] if w else None,
        "window_char_start": w.start if w else None,
        "window_char_end": w.end if w else None,
        "unit_quote": ctx.text[f.unit_span[0]:f.unit_span[1]] if f.unit_span else None,
        "unit_basis": f.basis,
        "value_text": q.text,
        "role": sentence.role,
    }
    return row
