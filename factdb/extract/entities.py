"""Entity mentions: the model's named entities, cleaned, re-typed by general rules, and
grouped within the article.

Only story sentences (headline and body) are read. Each mention's span covers the name
alone: a leading "the", titles ("Brig. Gen.", "Prime Minister") and a possessive 's are
left out; the title goes to its own column. The small spaCy model mislabels many names
in news (a surname tagged ORG, a militia tagged PERSON, a town tagged PERSON, a name cut
in two), so its label is corrected by rules that hold in any English news text: head-words
("... Forces", "... River"), titles, appositives (", the group", ", who"), nouns before
and after ("militia leader X", "X fighters"), place prepositions ("near X"), lists,
pronouns ("X announced the suspension of its ..."), and the names of people named in the
same article. The rule that decided is recorded in ``label_source``. Names the model
missed are added when the same form was labelled elsewhere in the article, or when they
end in an organisation head-word. Mentions of one thing inside an article (a surname after
the full name, an acronym after its expansion, "X (Y)", "X, also known as Y") share a
``local_key``, which ``factdb.resolve.aliases`` links across articles.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factdb.datetext import MONTHS, WEEKDAYS
from factdb.extract.context import ArticleContext
from factdb.extract.names import (
    LEADING_TITLES,
    acronym_matches,
    initials,
    is_acronym,
    is_part_of_name,
    is_title_word,
    is_weak_title,
    match_key,
    normalise,
    starts_with_given_name,
    strip_title,
    title_at,
    title_before,
)
from factdb.extract.provenance import provenance
from factdb.ingest.records import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR = "entities"
STORY_ROLES = frozenset({"body", "headline"})
#: Model labels that name something (numbers, dates and amounts are other extractors' work).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                         "LAW", "WORK_OF_ART"})
#: Types that may be merged with each other (same class).
TYPE_CLASS = {"PERSON": "PERSON", "ORG": "ORG", "NORP": "ORG", "GPE": "PLACE", "LOC": "PLACE"}
#: Tie-break between labels with equal support, most likely first.
LABEL_ORDER = ("GPE", "PERSON", "ORG", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW",
               "WORK_OF_ART")
#: Labels the model gives to names it does not recognise (a surname as ORG or PRODUCT).
LOOSE_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW"})

#: Evidence weights (used here and by the resolver's type vote).
STRONG, NAME_LINK, CONTEXT, PLACE_HINT, MODEL = 5, 4, 3, 2, 1
CONFIDENCE = {STRONG: 0.9, NAME_LINK: 0.8, CONTEXT: 0.7, PLACE_HINT: 0.65, MODEL: 0.85}
RECOVERED_CONFIDENCE = 0.6
#: Rules saying "not a person" without saying what: the article's other labels decide.
NOT_PERSON = "rule:not-person"


def type_class(label: str) -> str:
    return TYPE_CLASS.get(label, label)


def source_weight(source: str | None) -> int:
    """How much a label_source counts in a type vote."""
    if not source or source in ("model", "rule:article-vote", "rule:recovered"):
        return MODEL
    name = source.removeprefix("rule:")
    if name in ("title", "org-head", "place-head"):
        return STRONG
    if name == "person-name":
        return NAME_LINK
    if name == "place-preposition":
        return PLACE_HINT
    return CONTEXT


# --- vocabularies (generic English words, lower case) -------------------------------------

#: Head-words of organisation names ("... Party", "... Brigades", "Ministry of ...").
ORG_HEADS = frozenset("""
movement party brigade brigades front army forces force corps council ministry committee
group organization organisation union agency bank company inc inc. ltd ltd. llc plc corp
corp. corporation co. league federation commission guard guards battalion battalions
militia militias network university club association institute authority department
bureau court parliament assembly congress senate police service services foundation fund
airlines airways alliance coalition command division regiment cartel gang society
tribunal academy college board reserve exchange holdings partners government cabinet
administration directorate secretariat observatory unit units brotherhood fc
news times journal post herald gazette tribune press broadcasting television radio
motors industries bloc caucus syndicate consortium trust
rovers wanderers rangers athletic albion hotspur afc cf sc
""".split())
#: Head-words that also end place names ("West Bank", "Soviet Union"): not used on places.
AMBIGUOUS_ORG_HEADS = frozenset({"bank", "union", "front", "guard", "post", "reserve",
                                 "court", "exchange", "college", "university", "army"})
#: Head-words of natural-feature names: a span ending in one is a location.
PLACE_HEADS = frozenset("""
river sea ocean mountains mountain gulf strait straits valley desert lake bay peninsula
basin plateau plain plains island islands coast canal delta highlands heights
""".split())
#: Common nouns naming a group ("the militant group X", "X, a faction").
GROUP_NOUNS = frozenset("""
group faction militia movement party organisation organization company firm agency alliance
coalition network outfit body club team side brigade union cartel gang corporation
conglomerate retailer manufacturer maker carrier airline broadcaster newspaper publisher
charity regulator watchdog ministry department institute university council committee unit
lender insurer startup start-up operator developer exchange fund league federation
association syndicate consortium insurgents rebels outlet bank force battalion channel
paramilitary paramilitaries chipmaker automaker carmaker drugmaker bloc
""".split())
#: Common nouns naming a person ("X, the commander of ...", "militia leader X").
PERSON_NOUNS = frozenset("""
commander leader chief head minister president premier spokesman spokeswoman spokesperson
envoy ambassador diplomat official general colonel director chairman chairwoman founder
candidate lawmaker legislator senator governor mayor striker midfielder defender goalkeeper
forward winger coach manager player captain executive ceo economist analyst professor
activist cleric preacher journalist reporter correspondent actor actress singer rapper author
writer son daughter wife husband brother sister father mother man woman boy girl
predecessor successor deputy judge prosecutor lawyer attorney presenter champion star
incumbent challenger teammate widow aide adviser advisor secretary owner investor
billionaire officer soldier pilot doctor scientist researcher survivor victim rival
""".split())
PLACE_NOUNS = frozenset("""
city town village country nation capital province region state district county neighbourhood
neighborhood suburb island governorate port territory enclave kingdom republic emirate
municipality oblast area stronghold hub
""".split())
#: "residents of X", "the outskirts of X": X is a place.
PLACE_OF_NOUNS = frozenset("""
residents resident people citizens inhabitants outskirts streets suburbs centre center
mayor governor population capital city town province region heart north south east west
northeast northwest southeast southwest parts edge rest
""".split())
#: Members and units of a group: "X fighters", "a senior X commander" (X a group).
MEMBER_NOUNS = frozenset("""
fighters militants militiamen gunmen operatives members commanders commander militia
movement faction group leadership stronghold strongholds cadres insurgents rebels leader
leaders lawmakers legislators
""".split())
#: After a place-labelled name only nouns a nationality adjective rarely takes ("a US company").
PLACE_GROUP_NOUNS = frozenset({"movement", "militia", "militias", "faction", "party",
                               "brigade", "brigades"})
#: Roles inside an organisation: "PSG president", "Tesla chief" (X is not a place or a thing).
ROLE_AFTER_NOUNS = frozenset({"president", "chief", "chairman", "chairwoman", "coach",
                              "manager", "spokesman", "spokeswoman", "spokesperson", "director",
                              "owner", "ceo", "boss", "executive", "founder", "striker",
                              "players", "fans", "supporters", "shareholders", "board"})
#: Prepositions before a place ("near X", "in X").
PLACE_PREPOSITIONS = frozenset({"in", "near", "around", "outside", "across", "throughout",
                                "inside", "into", "towards", "toward", "from", "to"})
STRONG_PLACE_PREPOSITIONS = frozenset({"near", "around", "outside", "across", "throughout",
                                       "inside"})
PRONOUN = re.compile(r"\b(?:he|him|his|she|her|hers|himself|herself|it|its|itself)\b", re.I)
_NOUN_TAGS = frozenset({"NN", "NNS"})
_OPENERS = frozenset({"the", "a", "an", "another", "one", "its", "his", "her", "their", "this",
                      "that", "whose"})
_STOP_TAGS = frozenset({",", ".", ":", "-LRB-", "-RRB-", "``", "''", "HYPH", "VBD", "VBZ", "VBP",
                        "MD"})
#: Tokens after which a name starts a clause (its subject): "X said", ", X announced".
_SUBJECT_BEFORE = frozenset({",", ":", "``", "''", "-", "--", "—", "–", "and", "but", "or",
                             "that", "said", "says", "while", "when", "after", "as",
                             "because", "since", "although", "though", "if", "where"})
_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)")
AND_OTHER = re.compile(r"\s+(?:and|or)\s+other\s+(?:[A-Za-z-]+\s+){0,2}?(?P<noun>[a-z-]+s)\b")

#: Explicit alias markers between two names.
KNOWN_AS = re.compile(r"\s*(?:,|\()\s*(?:also\s+|better\s+|widely\s+|commonly\s+|locally\s+|"
                      r"popularly\s+|formerly\s+|previously\s+|now\s+)?(?:known|referred\s+to|"
                      r"called|nicknamed|dubbed)\s+as\s+(?:the\s+)?|\s*,\s*(?:aka|a\.k\.a\.)"
                      r"\s+(?=[A-Z])|\s*\(\s*(?:or|aka|a\.k\.a\.)\s+", re.I)
#: "X (ABC)" an acronym in parentheses right after a name.
PAREN_ACRONYM = re.compile(r"\s*\(\s*(?P<acr>(?:[A-Z]\.){2,}|[A-Z][A-Za-z0-9&]{1,8})\s*\)")
_NAME_WORD = r"(?:[A-Z][\w'’.&-]*|(?:al|el|as|ash|ad|an|ar|at|az|wal)-[A-Z][\w'’-]*)"
_CONNECTOR = (r"(?:of|for|and|on|in|the|de|du|des|do|dos|la|le|al|el|wal|bin|ibn|abu|van|von|"
              r"da|di)")
#: A run of capitalised words (a name the model did not label), with numbers ("Tower 7").
CAPITALISED_RUN = re.compile(
    rf"{_NAME_WORD}(?:\s+(?:{_CONNECTOR}\s+)*(?:{_NAME_WORD}|\d+\b))*")
#: "the Jamaat Nusrat al-Islam militant group": a capitalised name before a group noun.
NAMED_GROUP = re.compile(
    rf"\bthe\s+(?P<name>{_NAME_WORD}(?:\s+(?:{_CONNECTOR}\s+)*{_NAME_WORD}){{1,7}})"
    r"\s+(?:[a-z-]+\s+)?(?:group|movement|militia|faction|party|organi[sz]ation|network|"
    r"brigades?|alliance|coalition)\b")

_LEADING_DET = re.compile(r"(?:the|a|an)\s+", re.I)
#: (pattern, group of the name, label_source, weight) of names the model may miss
_MISSED_PATTERNS: list[tuple[re.Pattern[str], int | str, str, int]] = [
    (CAPITALISED_RUN, 0, "rule:org-head", STRONG),
    (NAMED_GROUP, "name", "rule:group-noun", CONTEXT),
]
#: Possessives that are part of a name ("People's", "Workers'"), not an owner and a thing.
_PLURAL_OWNERS = frozenset("""
people peoples women men children workers farmers veterans teachers students nurses doctors
citizens nations mothers fathers writers lawyers journalists mens womens childrens
""".split())
_INNER_POSSESSIVE = re.compile(r"(?:(?<=[A-Za-z])['’]s|(?<=s)['’])\s+(?=[A-Z])")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_KEEP_DOT = re.compile(r"(?:\b[A-Z]\.|(?:Inc|Ltd|Co|Corp|Jr|Sr|Bros|Mt|St)\.)$")
_CUT = re.compile(r"[()\n\"“”]")
#: Lower-case particles inside names ("Rio Grande do Sul", "Lula da Silva").
_NAME_PARTICLE_GAP = re.compile(r" (?:de|da|do|dos|das|del|della|di|du|des|van|von|der|den|"
                                r"ter|y|bin|ibn|bint|al|el) ")
_PREPOSITION = re.compile(r"\s(?:at|in|from)\s+(?=[A-Z])")
_PERSON_PREPOSITION = re.compile(r"\s(?:at|in|from|of)\s+(?=[A-Z])")
_EDGE = " \t\n\"'“”‘’«»()[]{},;:!?*|/\\-–—"
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "abd", "de", "van", "von", "da", "di",
                        "du", "le", "la", "al-", "el-", "ash", "as", "ad", "an", "ar", "at", "az",
                        "wal", "dos", "das", "der", "den", "ter", "ten", "y"})
_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)
#: Capitalised words the model sometimes labels that are never names on their own.
_NOT_NAMES = frozenset("""
thousands hundreds dozens millions billions tens scores many several some most officials
residents sources analysts witnesses police authorities
""".split())
_WORD = re.compile(r"[\w'’.&-]+")


# --- mentions ---------------------------------------------------------------------------------

@dataclass
class Mention:
    start: int
    end: int
    label: str
    model_label: str | None
    source: str
    weight: int
    sentence: Sentence
    title: str | None = None
    surface: str = ""
    key: str = ""
    #: tokens of the mention in the spaCy doc: [tok_start, tok_end), -1 when unknown
    tok_start: int = -1
    tok_end: int = -1

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.key.split())

    def set_label(self, label: str, source: str, weight: int) -> None:
        if weight > self.weight or (weight == self.weight and self.source == "model"):
            self.label, self.source, self.weight = label, source, weight

    def rename(self, text: str) -> None:
        self.surface = normalise(text[self.start:self.end])
        self.key = match_key(self.surface)


class Article:
    """The article text, its spaCy doc and token offsets, for the rules."""

    def __init__(self, ctx: ArticleContext, doc: Doc) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.doc = doc
        self.token_starts: list[int] = doc.to_array("IDX").tolist() if len(doc) else []
        self.ent_starts: list[tuple[int, str]] = sorted(
            (e.start_char, e.label_) for e in doc.ents)

    def token_at(self, offset: int) -> int:
        """The index of the first token starting at or after offset."""
        return bisect.bisect_left(self.token_starts, offset)

    def locate(self, m: Mention) -> None:
        i = self.token_at(m.start)
        j = self.token_at(m.end)
        m.tok_start, m.tok_end = (i, j) if j > i else (-1, -1)

    def story_sentence(self, offset: int) -> Sentence | None:
        s = self.ctx.sentence_at(offset)
        return s if s is not None and s.role in STORY_ROLES else None


def extract(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """Entity mentions of one article's story sentences, grouped within the article."""
    doc = ctx.products.get("doc")
    if doc is None:
        return {"entity_mentions": []}
    art = Article(ctx, doc)
    mentions = _missed_names(art, _model_mentions(art))
    _extend_names(art, mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    for m in mentions:
        _type_by_context(art, m)
        _given_name(m)
    mentions = _tidy(art, mentions)
    _lists(art.text, mentions)
    links: list[tuple[Mention, Mention]] = []
    mentions = _aliases(art, mentions, links)
    _harmonise(mentions)
    _person_names(mentions)
    mentions, recovered = _recover(art, mentions)
    if recovered:
        for m in recovered:
            _type_by_context(art, m)
            _given_name(m)
        _harmonise(mentions)
        _person_names(mentions)
    index = {id(m): i for i, m in enumerate(mentions)}
    pairs = [(index[id(a)], index[id(b)]) for a, b in links if id(a) in index and id(b) in index]
    return {"entity_mentions": _rows(ctx, mentions, _group(mentions, pairs))}


# --- spans ------------------------------------------------------------------------------------

def _model_mentions(art: Article) -> list[Mention]:
    out = []
    for ent in art.doc.ents:
        label = ent.label_
        if label not in NAME_LABELS:
            continue
        start = ent.start_char
        while start < ent.end_char:
            sentence = art.ctx.sentence_at(start)
            if sentence is None:
                break
            end = min(ent.end_char, sentence.char_end)
            if sentence.role in STORY_ROLES:
                for m in _clean(art.text, start, end, label, sentence):
                    if _is_name(m.surface):
                        if start > ent.start_char:
                            m.weight = 0  # the model ran a name across a sentence break
                        art.locate(m)
                        out.append(m)
            start = _next_sentence_start(art, end, ent.end_char)
    return out


def _next_sentence_start(art: Article, pos: int, limit: int) -> int:
    """The start of the first sentence after pos that begins before limit, else limit."""
    for s in art.ctx.sentences:
        if s.char_start >= pos:
            return s.char_start if s.char_start < limit else limit
    return limit


def _clean(text: str, start: int, end: int, label: str, sentence: Sentence) -> list[Mention]:
    """The mention(s) in a model span: determiners, edges, possessives and titles removed."""
    cut = _CUT.search(text, start + 1, end)
    if cut:
        end = cut.start()  # "National Electoral Institute (INE" -> the name before "("
    start, end = _trim(text, start, end)
    m = _LEADING_DET.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    pieces: list[tuple[int, int, str, str, int]] = []
    pos = start
    for p in _INNER_POSSESSIVE.finditer(text, start, end):
        owner = text[max(start, p.start() - 12):p.start()].rsplit(None, 1)[-1].lower()
        if owner in _PLURAL_OWNERS:
            continue  # "Tigray People's Liberation Front" is one name
        pieces.append((pos, p.start(), label, "model", MODEL))
        pos = p.end()
    # after "Norway's" the model's label is the owner's, not the name's
    own = MODEL if pos == start or label not in ("GPE", "LOC", "NORP") else 0
    prep = None if label in ("ORG", "FAC", "EVENT", "LAW") else (
        _PERSON_PREPOSITION if label == "PERSON" else _PREPOSITION).search(text, pos, end)
    if prep:
        # "Neeraj Chopra of India", "Arshad Nadeem at Lahore": two names, the second a place
        pieces.append((pos, prep.start(), label, "model", own))
        pieces.append((prep.end(), end, "GPE", "rule:split", MODEL))
    else:
        pieces.append((pos, end, label, "model", own))
    out = []
    for a, b, lab, source, weight in pieces:
        a, b = _trim(text, a, b)
        a, b, tail = _drop_lowercase_tail(text, a, b)
        if b <= a:
            continue
        b = _cut_before_title(text, a, b)
        mention = Mention(a, b, lab, label, source, weight, sentence)
        if any(w in GROUP_NOUNS for w in tail):
            mention.set_label("ORG", "rule:group-noun", CONTEXT)  # "the Morena party"
        _strip_inner_title(text, mention)
        _title_before(text, mention)
        mention.rename(text)
        _type_by_head(mention)
        out.append(mention)
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start:
        poss = _TRAILING_POSSESSIVE.search(text, start, end)
        if poss and poss.start() > start:
            end = poss.start()
        elif text[end - 1] in _EDGE:
            end -= 1
        elif text[end - 1] == "." and not _KEEP_DOT.search(text, start, end):
            end -= 1
        else:
            break
    return start, end


def _cut_before_title(text: str, a: int, b: int) -> int:
    """"Senate Majority" before "Leader Chuck Schumer": the span ends where a title that runs
    past it begins."""
    if not (text[b:b + 1] == " " and text[b + 1:b + 2].isupper()):
        return b
    for w in re.finditer(r"(?<=\s)\S", text[a:b]):
        pos = a + w.start()
        t = LEADING_TITLES.match(text, pos)
        if t is not None and t.end("title") > b:
            return _trim(text, a, pos)[1]
    return b


def _drop_lowercase_tail(text: str, start: int, end: int) -> tuple[int, int, list[str]]:
    """Lower-case words at the end of a span ("Morena party") are not part of the name."""
    dropped: list[str] = []
    while True:
        space = text.rfind(" ", start, end)
        if space < 0:
            return start, end, dropped
        last = text[space + 1:end]
        if not last[:1].islower() or last.lower().split("-")[0] in _PARTICLES:
            return start, end, dropped  # "al-Burhan" is part of the name
        dropped.append(last.lower())
        start, end = _trim(text, start, space)


def _strip_inner_title(text: str, m: Mention) -> None:
    if m.label not in ("PERSON", "ORG", "GPE", "LOC", "NORP"):
        return  # "Imam Ali Mosque", "King Fahd International Airport" are names of places
    title, rest = strip_title(text[m.start:m.end])
    if title is None or not rest or not (rest[0].isupper() or rest.split()[0].lower().rstrip(
            "-") in _PARTICLES):
        return
    rest_words = rest.split()
    if _has_head(rest_words, ORG_HEADS) or _has_head(rest_words, PLACE_HEADS):
        return  # "General Assembly", "King Abdullah University"
    if is_weak_title(title) and m.label != "PERSON" and len(rest_words) < 2:
        return  # "General Motors", "Sheikh Jarrah" (a place)
    m.start = m.end - len(rest)
    m.title = title
    m.set_label("PERSON", "rule:title", STRONG)


def _title_before(text: str, m: Mention) -> None:
    found = title_before(text, m.start)
    if found is None:
        return
    title, tstart = found
    if m.sentence.char_start > tstart:
        return
    raw = text[tstart:m.start].strip()
    if raw[:1].islower() and is_weak_title(title.split()[-1]):
        return  # "a major Kenyan ...", "his brother" are not titles
    if m.title is None:
        m.title = title
    if m.label == "NORP" or _has_head(text[m.start:m.end].split(), ORG_HEADS):
        return
    m.set_label("PERSON", "rule:title", STRONG)


def _has_head(words: Iterable[str], heads: frozenset[str]) -> bool:
    """Is the last word, or a word before "of"/"for", a capitalised head-word?"""
    ws = list(words)
    for i, w in enumerate(ws):
        if w[:1].isupper() and w.lower().strip(",") in heads and (
                i == len(ws) - 1 or ws[i + 1].lower() in ("of", "for", "on")):
            return True
    return False


def _type_by_head(m: Mention) -> None:
    """Organisation and natural-feature head-words decide the type."""
    if m.source == "rule:title":
        return
    words = m.surface.split()
    if len(words) < 2 and m.label != "PERSON":
        return
    org_heads = ORG_HEADS - AMBIGUOUS_ORG_HEADS if m.label in ("GPE", "LOC", "FAC") else ORG_HEADS
    if _has_head(words, org_heads):
        if m.label != "ORG":
            m.set_label("ORG", "rule:org-head", STRONG)
        else:
            m.weight = STRONG
    elif m.label in ("PERSON", "ORG", "GPE") and words[-1].lower() in PLACE_HEADS:
        m.set_label("LOC", "rule:place-head", STRONG)


def _is_name(surface: str) -> bool:
    """Not junk: has a capital letter, is not a number, a date word, or a lower-case phrase."""
    if len(surface) < 2 or not any(c.isalpha() for c in surface):
        return False
    if surface[0] in "#@" or "http" in surface or "www." in surface:
        return False
    words = surface.split()
    if len(words) > 10:
        return False
    first = words[0].lower()
    if not surface[0].isupper() and not surface[0].isdigit() and \
            first.split("-")[0] not in _PARTICLES:
        return False
    if all(w.lower().strip(".,") in _CALENDAR or w.isdigit() for w in words):
        return False
    if len(words) == 1 and (first in _NOT_NAMES or is_title_word(surface)):
        return False  # "Thousands", "General"
    return any(c.isupper() for c in surface)


def _tidy(art: Article, mentions: list[Mention]) -> list[Mention]:
    """Join a person's name the model cut in two ("Rustem" "Umerov"), drop overlaps, cut
    a place off a person ("Neeraj Chopra of India"), and drop a sentence's capitalised
    first word the tagger does not take for a proper noun ("Rescue teams ...")."""
    text, doc = art.text, art.doc
    mentions.sort(key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and m.start < prev.end:
            if (m.end - m.start, m.weight) > (prev.end - prev.start, prev.weight):
                out[-1] = m
            continue
        if prev is not None and prev.sentence is m.sentence and \
                _NAME_PARTICLE_GAP.fullmatch(text, prev.end, m.start) and \
                not prev.surface.isupper() and not m.surface.isupper():
            prev.end, prev.tok_end = m.end, m.tok_end  # "Rio Grande" do "Sul"
            prev.rename(text)
            if m.weight > prev.weight:
                prev.set_label(m.label, m.source, m.weight)
            continue
        if prev is not None and prev.sentence is m.sentence and text[prev.end:m.start] == " " \
                and "PERSON" in (prev.label, m.label) and \
                {prev.label, m.label} <= LOOSE_LABELS | {"PERSON"} and \
                not prev.surface.isupper() and not m.surface.isupper():
            prev.end, prev.tok_end = m.end, m.tok_end
            prev.set_label("PERSON", "rule:person-name", NAME_LINK)
            _strip_inner_title(text, prev)  # "Fed Chair" + "Jerome Powell"
            prev.rename(text)
            continue
        out.append(m)
    kept: list[Mention] = []
    for m in out:
        if m.label == "PERSON":
            cut = _PERSON_PREPOSITION.search(text, m.start, m.end)
            if cut:
                place = Mention(cut.end(), m.end, "GPE", None, "rule:split", MODEL, m.sentence)
                m.end = _trim(text, m.start, cut.start())[1]
                m.rename(text)
                place.rename(text)
                art.locate(m)
                art.locate(place)
                kept.append(m)
                if _is_name(place.surface):
                    kept.append(place)
                continue
        if m.source == "model" and m.tok_start >= 0 and m.tok_end - m.tok_start == 1 and \
                doc[m.tok_start].idx == m.sentence.char_start and \
                doc[m.tok_start].tag_ not in ("NNP", "NNPS"):
            continue
        kept.append(m)
    return kept


# --- names the model missed or cut ------------------------------------------------------------

def _missed_names(art: Article, mentions: list[Mention]) -> list[Mention]:
    """Add capitalised names the model missed or cut: names ending in an organisation
    head-word ("Rapid Support Forces"), names before a group noun ("the Jamaat Nusrat
    al-Islam militant group"), and proper nouns after a title or with a telling context
    ("King Abdullah II", "Claudia Sheinbaum, the ruling party's candidate")."""
    text = art.text
    found: list[Mention] = []
    headline_case: dict[int, bool] = {}
    for pattern, group, source, weight in _MISSED_PATTERNS:
        for hit in pattern.finditer(text):
            if group == 0 and text[hit.start():hit.end()].rsplit(None, 1)[-1].lower() \
                    not in ORG_HEADS:
                continue
            sentence = art.story_sentence(hit.start(group))
            if sentence is None or hit.end(group) > sentence.char_end:
                continue
            if sentence.seq not in headline_case:
                words = text[sentence.char_start:sentence.char_end].split()
                headline_case[sentence.seq] = len(words) > 3 and sum(
                    w[:1].isupper() for w in words) > 0.6 * len(words)
            if headline_case[sentence.seq]:
                continue  # a headline in title case: every word looks like a name
            a, b = _name_run(art, hit.start(group), hit.end(group))
            names = text[a:b].split()
            if group == 0 and (len(names) < 2 or names[-1].lower() not in ORG_HEADS or
                               title_at(text, a)):
                continue
            if b > a:
                found.append(Mention(a, b, "ORG", None, source, weight, sentence))
    for m in found:
        m.rename(text)
        art.locate(m)
    for m in found:
        if not _is_name(m.surface):
            continue
        inside = [o for o in mentions if o.start < m.end and m.start < o.end]
        if all(m.start <= o.start and o.end <= m.end and o.weight < STRONG and
               (o.start, o.end) != (m.start, m.end) for o in inside):
            for o in inside:
                mentions.remove(o)  # a piece of the longer name ("Muslimin")
            mentions.append(m)
    mentions.extend(_orphans(art, mentions))
    return mentions


def _name_run(art: Article, a: int, b: int) -> tuple[int, int]:
    """A capitalised run trimmed to the name: after a possessive ("Sudan's Rapid Support
    Forces") and without an opening word that is not a proper noun ("The", "In")."""
    text = art.text
    poss = max(text.rfind("'s ", a, b), text.rfind("’s ", a, b))
    if poss >= 0:
        a = poss + 3
    i = art.token_at(a)
    while i < len(art.doc) and art.doc[i].idx < b and art.doc[i].tag_ not in ("NNP", "NNPS"):
        i += 1
    if i >= len(art.doc) or art.doc[i].idx >= b:
        return a, a
    return _trim(text, art.doc[i].idx, b)


def _orphans(art: Article, mentions: list[Mention]) -> list[Mention]:
    """Runs of proper nouns outside every entity that a title or the context types."""
    doc, text = art.doc, art.text
    if not len(doc):
        return []
    strings = doc.vocab.strings
    arr = doc.to_array(["TAG", "ENT_IOB"])
    proper = (arr[:, 0] == strings["NNP"]) | (arr[:, 0] == strings["NNPS"])
    free = proper & (arr[:, 1] == 2)
    spans = sorted((m.start, m.end) for m in mentions)
    out: list[Mention] = []
    idx = free.nonzero()[0].tolist()
    k = 0
    while k < len(idx):
        i = idx[k]
        j = i
        while k + 1 < len(idx) and idx[k + 1] == j + 1:
            k += 1
            j = idx[k]
        k += 1
        a, b = doc[i].idx, doc[j].idx + len(doc[j].text)
        sentence = art.story_sentence(a)
        if sentence is None or b > sentence.char_end or _overlaps(spans, a, b):
            continue
        a, b = _trim(text, a, b)
        if b <= a or not text[a].isupper():
            continue
        m = Mention(a, b, "PRODUCT", None, "orphan", 0, sentence)
        title, rest = strip_title(text[a:b])
        if title is not None and rest[:1].isupper():
            m.start, m.title = b - len(rest), title
            m.set_label("PERSON", "rule:title", STRONG)
        else:
            art.locate(m)
            m.rename(text)
            _type_by_context(art, m)
            _given_name(m)
        if m.source == "orphan":
            continue
        m.rename(text)
        art.locate(m)
        if _is_name(m.surface) and (m.label != "PERSON" or len(m.words) <= 4):
            m.model_label = None
            out.append(m)
    return out


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    i = bisect.bisect_left(spans, (a, a))
    if i > 0 and spans[i - 1][1] > a:
        return True
    return i < len(spans) and spans[i][0] < b


def _extend_names(art: Article, mentions: list[Mention]) -> None:
    """Names the model cut short: "Democratic" + "Unionist", "[Recep] Tayyip Erdogan",
    "Novak [Djokovic]"."""
    doc, text = art.doc, art.text
    for m in mentions:
        if m.tok_start < 0:
            continue
        if m.label == "NORP" and not m.title:
            _extend_adjective(art, m)
            continue
        i = m.tok_end
        if i + 1 < len(doc) and _NAME_PARTICLE_GAP.fullmatch(text, m.end, doc[i + 1].idx) and \
                doc[i].ent_iob_ == "O" and _name_token(art, i + 1, m.sentence):
            # "Rio Grande" + "do Sul", "Lula" + "da Silva"
            m.tok_end, m.end = i + 2, doc[i + 1].idx + len(doc[i + 1].text)
            m.rename(text)
        single = m.tok_end - m.tok_start == 1
        if m.label != "PERSON" and not (single and m.label in LOOSE_LABELS):
            continue
        moved = False
        for _ in range(2):
            i = m.tok_start - 1
            if i < 0 or not _name_token(art, i, m.sentence):
                break
            m.tok_start, m.start = i, doc[i].idx
            moved = True
        for _ in range(2 if single else 0):
            i = m.tok_end
            if i >= len(doc) or not _name_token(art, i, m.sentence) or \
                    doc[i].lower_ in ORG_HEADS:
                break
            m.tok_end, m.end = i + 1, doc[i].idx + len(doc[i].text)
            moved = True
        if moved:
            if m.title is None:
                _title_before(text, m)
            m.rename(text)


def _name_token(art: Article, i: int, sentence: Sentence) -> bool:
    """A capitalised proper-noun token outside any entity, title and date word."""
    tok = art.doc[i]
    if tok.tag_ not in ("NNP", "NNPS") or not tok.text[:1].isupper() or tok.ent_iob_ != "O":
        return False
    if tok.idx < sentence.char_start or tok.idx >= sentence.char_end:
        return False
    if tok.lower_.strip(".") in _CALENDAR or not tok.text[-1:].isalpha():
        return False
    low = tok.lower_
    if title_at(art.text, tok.idx) or title_at(tok.text + " x", 0) or low in PERSON_NOUNS \
            or low in ORG_HEADS:
        return False
    return low not in ("the", "a", "an")


def _extend_adjective(art: Article, m: Mention) -> None:
    """A nationality word the model cut off a longer name ("Democratic" + "Unionist") -> an ORG."""
    text = art.text
    starts = [s for s, _ in art.ent_starts]
    pos = end = m.end
    limit = m.sentence.char_end
    for _ in range(4):
        w = _WORD.match(text, pos + 1) if pos < limit and text[pos] == " " else None
        if w is None or w.end() > limit or not w.group()[0].isupper():
            break
        i = bisect.bisect_left(starts, w.start())
        if i < len(starts) and starts[i] < w.end():
            break  # another entity starts here
        if title_at(text, w.start()) or w.group().lower().strip(".") in _CALENDAR:
            break  # "Kenyan Prime Minister ...", "Kenyan Monday"
        end = pos = w.end()
    if end > m.end:
        m.start, m.end = _trim(text, m.start, end)
        m.rename(text)
        m.set_label("ORG", "rule:name-extension", CONTEXT)
        _type_by_head(m)
        art.locate(m)


# --- types from context -----------------------------------------------------------------------

def noun_class(word: str) -> str | None:
    """"org", "per" or "place" for a common noun (singular or plural), else None."""
    w = word.lower()
    forms = [w]
    if w.endswith("ies"):
        forms.append(w[:-3] + "y")
    if w.endswith("es"):
        forms.append(w[:-2])
    if w.endswith("s"):
        forms.append(w[:-1])
    for form in forms:
        if form in GROUP_NOUNS or form.endswith("maker"):
            return "org"
        if form in PERSON_NOUNS:
            return "per"
        if form in PLACE_NOUNS:
            return "place"
    return None


def _type_by_context(art: Article, m: Mention) -> None:
    """Appositives, nouns before and after, place prepositions, pronouns."""
    if m.weight >= STRONG or m.tok_end < 0:
        return
    doc, text = art.doc, art.text
    label = m.label
    after = _appositive_head(doc, m)
    if after == "who":
        m.set_label("PERSON", "rule:appositive", CONTEXT)
        return
    if after == "which":
        if label == "PERSON":
            m.set_label("ORG", NOT_PERSON, CONTEXT)
        return
    if after is not None and label != "NORP":
        kind = noun_class(after)
        if kind == "org":
            m.set_label("ORG", "rule:appositive", CONTEXT)
            return
        if kind == "per" and not m.surface.isupper():
            m.set_label("PERSON", "rule:appositive", CONTEXT)
            return
        if kind == "place" and label in ("PERSON", "ORG", "FAC", "NORP"):
            m.set_label("GPE", "rule:appositive", CONTEXT)
            return
    kind, comma = _noun_before(doc, m)
    if kind is not None and not (comma and _reported_after(doc, m)):
        rule = "rule:appositive" if comma else "rule:noun-before"
        if kind == "org" and label in ("PERSON", "GPE", "LOC", "NORP"):
            m.set_label("ORG", rule, CONTEXT)
            return
        if kind == "per" and label in LOOSE_LABELS | {"GPE", "LOC"} and not m.surface.isupper():
            m.set_label("PERSON", rule, CONTEXT)
            return
        if kind == "place" and label not in ("GPE", "LOC"):
            m.set_label("GPE", rule, CONTEXT)
            return
    if _noun_after(doc, m):
        return
    other = AND_OTHER.match(text, m.end, m.sentence.char_end)
    if other:
        kind = noun_class(other.group("noun"))
        target = {"org": "ORG", "per": "PERSON", "place": "GPE"}.get(kind or "")
        if target and type_class(target) != type_class(label):
            m.set_label(target, "rule:and-other", CONTEXT)
            return
    if _place_preposition(doc, m):
        return
    if label in ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART") and _subject(doc, m):
        _pronoun(doc, text, art, m)


def _given_name(m: Mention) -> None:
    """"Andreas Thorkildsen": two to four capitalised words opening with a common given name
    and no organisation or place head-word name a person."""
    if m.label == "PERSON" or m.weight > MODEL or not 2 <= len(m.words) <= 4 or \
            m.surface.isupper() or not starts_with_given_name(m.surface):
        return
    words = m.surface.split()
    if _has_head(words, ORG_HEADS) or _has_head(words, PLACE_HEADS):
        return
    m.set_label("PERSON", "rule:given-name", CONTEXT)


def _appositive_head(doc: Doc, m: Mention) -> str | None:
    """The head noun of ", the most powerful of the armed factions," after a mention; or
    "who" / "which" for a relative clause."""
    i = m.tok_end
    n = len(doc)
    if i + 1 >= n or doc[i].text != "," or doc[i].idx >= m.sentence.char_end:
        return None
    first = doc[i + 1]
    low = first.lower_
    if low in ("who", "whose", "which"):
        return "which" if low == "which" else "who"
    if low not in _OPENERS and first.tag_ not in ("DT", "PRP$", "CD"):
        return None
    j = i + 2
    stop = min(n, i + 18)
    while j < stop and doc[j].idx < m.sentence.char_end:
        tag = doc[j].tag_
        if tag in _STOP_TAGS:
            return None
        if tag in _NOUN_TAGS and doc[j].is_lower:
            while j + 1 < n and doc[j + 1].tag_ in _NOUN_TAGS and doc[j + 1].is_lower:
                j += 1
            if j + 1 < n and doc[j + 1].tag_ == "POS":
                j += 2  # "the group's leader": the head comes after the possessive
                continue
            return str(doc[j].lower_)
        j += 1
    return None


def _noun_before(doc: Doc, m: Mention) -> tuple[str | None, bool]:
    """The class of a lower-case common noun right before a mention ("militia leader X",
    "the port city of X", "residents of X"), and whether a comma separates them."""
    j = m.tok_start - 1
    if j < 0 or doc[j].idx < m.sentence.char_start:
        return None, False
    comma = doc[j].text == ","
    of = doc[j].lower_ == "of"
    if comma or of:
        j -= 1
    if j < 0 or doc[j].idx < m.sentence.char_start:
        return None, False
    tok = doc[j]
    if tok.tag_ not in _NOUN_TAGS or not (tok.is_lower or tok.idx == m.sentence.char_start):
        return None, False
    if of:
        word = tok.lower_
        return ("place" if word in PLACE_OF_NOUNS or noun_class(word) == "place" else None), False
    return noun_class(tok.lower_), comma


def _reported_after(doc: Doc, m: Mention) -> bool:
    """"..., the agency reported": the comma before the name closes a clause, not an appositive."""
    i = m.tok_end
    return i < len(doc) and doc[i].tag_ in ("VBD", "VBZ", "VBP")


def _noun_after(doc: Doc, m: Mention) -> bool:
    """"a senior X commander", "the X movement", "PSG president" decide an ORG."""
    i = m.tok_end
    if i >= len(doc) or doc[i].idx < m.end or doc[i].idx >= m.sentence.char_end:
        return False
    nxt = doc[i]
    if nxt.tag_ not in _NOUN_TAGS or not nxt.is_lower:
        return False
    word = nxt.lower_
    if word in PLACE_HEADS and m.label not in ("GPE", "LOC"):
        m.set_label("LOC", "rule:place-noun", CONTEXT)  # "the Guaiba river"
        return True
    if m.label == "PERSON" and word in MEMBER_NOUNS:
        m.set_label("ORG", "rule:member-noun", CONTEXT)
        return True
    if m.label in ("GPE", "LOC") and word in PLACE_GROUP_NOUNS:
        m.set_label("ORG", "rule:group-noun", CONTEXT)
        return True
    if m.label in LOOSE_LABELS - {"ORG"} | {"LOC"} and word in ROLE_AFTER_NOUNS:
        m.set_label("ORG", "rule:role-noun", CONTEXT)
        return True
    return False


def _place_preposition(doc: Doc, m: Mention) -> bool:
    """"near X", "in X": a name the model called a person or a thing is a place."""
    if m.label in ("GPE", "LOC") or m.surface.isupper() or len(m.words) > 3 or \
            any(w.lower() in ORG_HEADS for w in m.surface.split()):
        return False  # "in Congress" is not a place
    j = m.tok_start - 1
    if j > 0 and doc[j].lower_ == "the" and m.label == "PERSON":
        j -= 1  # "in the Sahel": a person is not "the X"
    if j < 0 or doc[j].idx < m.sentence.char_start or doc[j].lower_ not in PLACE_PREPOSITIONS:
        return False
    i = m.tok_end
    if i < len(doc) and (doc[i].tag_ == "POS" or (doc[i].tag_ in _NOUN_TAGS and doc[i].is_lower)):
        return False  # "in Kurdish areas", "in Biden's plan": not a place
    strong = doc[j].lower_ in STRONG_PLACE_PREPOSITIONS
    if m.label == "PERSON" or m.label == "NORP" or strong or doc[j].lower_ == "in":
        m.set_label("GPE", "rule:place-preposition", PLACE_HINT)
        return True
    return False


def _subject(doc: Doc, m: Mention) -> bool:
    """Does the mention open a clause ("X said", ", X announced", "convince X to")?"""
    j = m.tok_start - 1
    if j < 0 or doc[j].idx < m.sentence.char_start or m.title is not None:
        return True
    if doc[j].lower_ in _SUBJECT_BEFORE or doc[j].text in _SUBJECT_BEFORE:
        return True
    i = m.tok_end
    return i + 1 < len(doc) and doc[i].lower_ == "to" and doc[i + 1].tag_ == "VB"


def _pronoun(doc: Doc, text: str, art: Article, m: Mention) -> None:
    """The first personal pronoun after a clause's subject: "its" -> not a person, "he",
    "his", "she", "her" -> a person; "it" is ambiguous. A verb must come between."""
    limit = min(m.sentence.char_end, m.end + 100)
    p = PRONOUN.search(text, m.end, limit)
    if p is None:
        return
    word = p.group().lower()
    if word == "it":
        return
    a, b = m.tok_end, art.token_at(p.start())
    if not any(doc[k].tag_.startswith("VB") or doc[k].tag_ == "MD" for k in range(a, b)):
        return
    if any(doc[k].tag_ in _NOUN_TAGS and doc[k].is_lower and noun_class(doc[k].text) in
           ("org", "per", "place") for k in range(a, b)):
        return  # "the company ... its", "the minister ... his": another antecedent
    i = bisect.bisect_right(art.ent_starts, (m.end, "~"))
    while i < len(art.ent_starts) and art.ent_starts[i][0] < p.start():
        if art.ent_starts[i][1] in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
            return
        i += 1
    if word in ("its", "itself"):
        if m.label == "PERSON":
            m.set_label("ORG", NOT_PERSON, CONTEXT)
    elif m.label != "PERSON":
        m.set_label("PERSON", "rule:pronoun", CONTEXT)


def _lists(text: str, mentions: list[Mention]) -> None:
    """In a list of three or more names with a place among them, names the model called
    people without other evidence are places too ("Mali, Burkina Faso and Niger")."""
    chain: list[Mention] = []

    def close() -> None:
        if len(chain) >= 3 and any(c.label in ("GPE", "LOC") for c in chain):
            for c in chain:
                if c.label == "PERSON" and c.weight <= MODEL:
                    c.set_label("GPE", "rule:list", CONTEXT)

    for m in mentions:
        if chain and chain[-1].sentence is m.sentence and m.start > chain[-1].end:
            glue = _LIST_GLUE.fullmatch(text, chain[-1].end, m.start)
            if glue:
                chain.append(m)
                continue
        close()
        chain = [m]
    close()


# --- aliases inside the article ---------------------------------------------------------------

def _aliases(art: Article, mentions: list[Mention],
             links: list[tuple[Mention, Mention]]) -> list[Mention]:
    """Parenthetical acronyms and "known as" names: linked, and added when the model missed
    one side."""
    text = art.text
    by_start = {m.start: m for m in mentions}
    by_end = {m.end: m for m in mentions}
    added: list[Mention] = []
    absorbed: set[int] = set()
    for m in mentions:
        limit = m.sentence.char_end
        p = PAREN_ACRONYM.match(text, m.end, limit)
        if p and is_acronym(p.group("acr")) and (
                acronym_matches(p.group("acr"), m.surface, loose=True) or
                (m.label == "ORG" and len(m.surface.split()) > 1)):
            other = by_start.get(p.start("acr"))
            if other is None:
                other = _new_mention(art, p.start("acr"), p.end("acr"), m, "rule:acronym")
                added.append(other)
            links.append((m, other))
            continue
        if is_acronym(m.surface) and text[max(0, m.start - 2):m.start].strip() == "(":
            expansion = _expansion(art, m, by_end)
            if expansion is not None:
                if by_start.get(expansion.start) is not expansion:
                    # "Board of Control for Cricket" + "India": the pieces become one name
                    absorbed |= {id(o) for o in mentions
                                 if expansion.start <= o.start and o.end <= expansion.end}
                    added.append(expansion)
                links.append((expansion, m))
                continue
        k = KNOWN_AS.match(text, m.end, limit)
        if k is None:
            continue
        other = by_start.get(k.end())
        if other is None:
            run = CAPITALISED_RUN.match(text, k.end(), limit)
            if run is None:
                continue
            a, b = _trim(text, run.start(), run.end())
            if b <= a:
                continue
            other = _new_mention(art, a, b, m, "rule:alias")
            if not _is_name(other.surface):
                continue
            added.append(other)
        if type_class(other.label) != type_class(m.label):
            if other.weight > MODEL:
                continue  # both sides have evidence of different kinds of thing
            other.set_label(m.label, "rule:alias", CONTEXT)  # "Dagalo, known as Hemedti"
        links.append((m, other))
    if added or absorbed:
        mentions = sorted([m for m in mentions if id(m) not in absorbed] + added,
                          key=lambda m: (m.start, m.end))
    return mentions


def _expansion(art: Article, acronym: Mention, by_end: dict[int, Mention]) -> Mention | None:
    """The name written before "(ACRONYM)": the shortest run of capitalised words ending
    right before the parenthesis whose initials make the acronym."""
    text = art.text
    paren = text.rfind("(", acronym.sentence.char_start, acronym.start)
    end = paren
    while end > 0 and text[end - 1] == " ":
        end -= 1
    known = by_end.get(end)
    if known is not None and acronym_matches(acronym.surface, known.surface, loose=True):
        return known
    head = text[acronym.sentence.char_start:end]
    runs = list(CAPITALISED_RUN.finditer(head))
    if not runs or runs[-1].end() != len(head):
        return None
    run = runs[-1]
    words = list(re.finditer(r"\S+", head[run.start():]))
    for w in reversed(words):
        start = acronym.sentence.char_start + run.start() + w.start()
        if not text[start].isupper():
            continue
        candidate = text[start:end]
        if acronym_matches(acronym.surface, candidate, loose=True):
            m = _new_mention(art, start, end, acronym, "rule:acronym")
            if m.label in ("PERSON", "NORP", "GPE", "LOC"):
                m.label = "ORG" if acronym.label != "GPE" else "GPE"
            return m if _is_name(m.surface) else None
    return None


def _new_mention(art: Article, start: int, end: int, like: Mention, source: str) -> Mention:
    m = Mention(start, end, like.label, None, source, MODEL, like.sentence)
    m.rename(art.text)
    art.locate(m)
    return m


# --- type agreement inside the article --------------------------------------------------------

def _harmonise(mentions: list[Mention]) -> None:
    """Mentions with one name key take the label best supported in the article."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.key:
            by_key[m.key].append(m)
    for group in by_key.values():
        if len({m.label for m in group}) == 1 and not any(m.source == NOT_PERSON
                                                          for m in group):
            continue
        votes: Counter[str] = Counter()
        not_person = 0
        for m in group:
            if m.source == NOT_PERSON:
                not_person += m.weight
            else:
                votes[m.label] += m.weight
        if not_person:
            others = [lab for lab in votes if lab != "PERSON"]
            target = max(others, key=lambda lab: (votes[lab], -_label_rank(lab))) \
                if others else "ORG"
            votes[target] += not_person
            for m in group:
                if m.source == NOT_PERSON:
                    m.label = target
        if len(group) < 2:
            continue
        best = max(votes, key=lambda lab: (votes[lab], -_label_rank(lab)))
        for m in group:
            if m.label != best and m.weight < STRONG:
                m.label, m.source = best, "rule:article-vote"
                m.weight = MODEL


def _label_rank(label: str) -> int:
    return LABEL_ORDER.index(label) if label in LABEL_ORDER else len(LABEL_ORDER)


def _person_names(mentions: list[Mention]) -> None:
    """Parts of a person's name used alone are that person, and a full name whose surname is
    a person by other evidence is a person."""
    people = [m.words for m in mentions if m.label == "PERSON" and len(m.words) > 1]
    surnames = {m.words[0] for m in mentions
                if m.label == "PERSON" and len(m.words) == 1 and m.weight > MODEL}
    for m in mentions:
        if m.label == "PERSON" or m.weight > MODEL or not m.words or m.surface.isupper():
            continue
        if any(is_part_of_name(m.words, full) for full in people) or (
                len(m.words) > 1 and m.words[-1] in surnames and m.label in LOOSE_LABELS):
            m.set_label("PERSON", "rule:person-name", NAME_LINK)


# --- names the model missed -------------------------------------------------------------------

def _recover(art: Article, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Other occurrences, in story sentences, of names labelled in this article, and of the
    surnames of people named in it ("Safadi" after "Foreign Minister Ayman Safadi")."""
    text = art.text
    forms: dict[str, Mention] = {}
    for m in mentions:
        raw = text[m.start:m.end]
        if len(raw) >= 3 and raw not in forms and not raw.isdigit():
            forms[raw] = m
    surnames: set[str] = set()
    lowered = text.lower()
    given: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.label == "PERSON" and len(m.words) > 1:
            first = text[m.start:m.end].split()[0]
            given[first].add(m.key)
    for first, owners in given.items():
        if len(owners) == 1 and len(first) >= 3 and first[0].isupper() and first not in forms \
                and first.lower() not in _PARTICLES:
            forms[first] = Mention(0, 0, "PERSON", None, "model", MODEL, mentions[0].sentence,
                                   surface=normalise(first), key=match_key(first))
    for m in mentions:
        if m.label == "PERSON" and len(m.words) > 1:
            last = text[m.start:m.end].split()[-1]
            if len(last) >= 3 and last[0].isupper() and last not in forms:
                forms[last] = Mention(m.start, m.end, "PERSON", None, m.source, MODEL,
                                      m.sentence, surface=normalise(last), key=match_key(last))
                if re.search(r"(?<![\w-])" + re.escape(last.lower()) + r"(?![\w-])",
                             lowered) and last.lower() not in text:
                    surnames.add(last)
    if not forms:
        return mentions, []
    longest = max(len(f.split()) for f in forms)
    spans = sorted((m.start, m.end) for m in mentions)
    added: list[Mention] = []
    for a, b in _form_hits(text, forms, longest):
        if _overlaps(spans, a, b):
            continue
        sentence = art.story_sentence(a)
        if sentence is None or b > sentence.char_end:
            continue
        form = text[a:b]
        like = forms[form]
        m = Mention(a, b, like.label, None, "rule:recovered", MODEL, sentence,
                    surface=like.surface, key=like.key)
        art.locate(m)
        if " " not in form and not _standalone(art, m, form in surnames):
            continue
        if _overlaps(spans, m.start, m.end):
            continue
        added.append(m)
        spans = sorted([*spans, (m.start, m.end)])
    if not added:
        return mentions, []
    return sorted(mentions + added, key=lambda m: (m.start, m.end)), added


_WORD_SPAN = re.compile(r"\S+")
_TRAILING_MARKS = re.compile(r"(?:['’]s|['’]|[.,;:!?\"”)]+)+$")


def _form_hits(text: str, forms: dict[str, Any], longest: int) -> Iterable[tuple[int, int]]:
    """Where known forms occur in text, longest first, as (start, end): word n-grams of
    capitalised runs looked up in a dict (no per-article regex)."""
    firsts = {f.split(None, 1)[0] for f in forms}
    firsts |= {_TRAILING_MARKS.sub("", f) for f in firsts}
    for run in CAPITALISED_RUN.finditer(text):
        words = [(w.start(), w.end()) for w in _WORD_SPAN.finditer(text, run.start(), run.end())]
        i = 0
        while i < len(words):
            first = text[words[i][0]:words[i][1]]
            if first not in firsts and _TRAILING_MARKS.sub("", first) not in firsts:
                i += 1
                continue
            for n in range(min(longest, len(words) - i), 0, -1):
                a, b = words[i][0], words[i + n - 1][1]
                marks = _TRAILING_MARKS.search(text, a, b)
                if marks and marks.start() > a:
                    b = marks.start()
                if text[a:b] in forms:
                    yield a, b
                    i += n
                    break
            else:
                i += 1


def _standalone(art: Article, m: Mention, surname: bool = False) -> bool:
    """A one-word name tagged as a proper noun (or, for the surname of a person named in the
    article that is no lower-case word in it, a noun); proper nouns next to it outside any
    entity are taken in ("Novak" + "Đoković"), other names next to it make it a part of
    those."""
    doc = art.doc
    if m.tok_start < 0:
        return False
    tag = doc[m.tok_start].tag_
    if tag not in ("NNP", "NNPS") and not (surname and tag in ("NN", "NNS")):
        return False
    moved = False
    for _ in range(2):
        i = m.tok_start - 1
        if i < 0 or not _name_token(art, i, m.sentence):
            break
        m.tok_start, m.start, moved = i, doc[i].idx, True
    for _ in range(2):
        i = m.tok_end
        if i >= len(doc) or not _name_token(art, i, m.sentence):
            break
        m.tok_end, m.end, moved = i + 1, doc[i].idx + len(doc[i].text), True
    before, after = m.tok_start - 1, m.tok_end
    if before >= 0 and doc[before].idx >= m.sentence.char_start and \
            doc[before].tag_ in ("NNP", "NNPS") and doc[before].text[:1].isupper() and \
            not title_at(doc[before].text + " x", 0):
        return False
    if after < len(doc) and doc[after].tag_ in ("NNP", "NNPS") and \
            doc[after].text[:1].isupper():
        return False
    if moved:
        m.rename(art.text)
        if m.title is None:
            _title_before(art.text, m)
    return True


# --- grouping inside the article --------------------------------------------------------------

def _group(mentions: list[Mention], links: list[tuple[int, int]]) -> list[int]:
    """Union-find over mentions: same key and class, surnames, acronyms, explicit aliases."""
    parent = list(range(len(mentions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    full = [(i, m.words) for i, m in enumerate(mentions)
            if m.label == "PERSON" and len(m.words) > 1]
    parts = {i: [j for j, w in full if is_part_of_name(m.words, w)]
             for i, m in enumerate(mentions) if m.label == "PERSON" and m.words}
    for i, m in enumerate(mentions):
        if m.label == "PERSON" and not parts.get(i):
            given = {w for _, w in full if _middle_name(m, w)}
            if len(given) == 1:
                parts[i] = [j for j, w in full if w in given]
    parts = {i: c for i, c in parts.items() if c}
    first_of: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        if m.key and i not in parts:
            k = (type_class(m.label), m.key)
            if k in first_of:
                union(first_of[k], i)
            else:
                first_of[k] = i
    for i, j in links:
        union(i, j)
    # a surname (or first and last names) -> the full name used nearest before, else the only one
    unplaced: dict[str, int] = {}
    for i, cands in parts.items():
        before = [j for j in cands if j < i]
        if before:
            union(i, max(before))
        elif len({find(j) for j in cands}) == 1:
            union(i, cands[0])
        else:
            key = mentions[i].key
            if key in unplaced:
                union(unplaced[key], i)
            else:
                unplaced[key] = i
    # acronyms -> the one multi-word name in the article with those initials
    expansions: dict[str, set[int]] = defaultdict(set)
    for j, o in enumerate(mentions):
        if len(o.surface.split()) > 1 and o.label != "PERSON":
            for letters in set(initials(o.surface)):
                expansions[letters].add(j)
    for i, m in enumerate(mentions):
        if is_acronym(m.surface) and m.label != "PERSON":
            letters = re.sub(r"[^A-Za-z0-9&]", "", m.surface).upper()
            roots = {find(j) for j in expansions.get(letters, ())}
            if len(roots) == 1:
                union(i, roots.pop())
    return [find(i) for i in range(len(mentions))]


def _middle_name(m: Mention, full: tuple[str, ...]) -> bool:
    """A one-word name that is a given or middle name of a full name ("Lula" in "Luiz Inacio
    Lula da Silva", "Abiy" in "Abiy Ahmed"): inside one article it refers to that person
    (when only one full name has it; see _group)."""
    return len(m.words) == 1 and len(m.surface) > 3 and m.words[0] in full[:-1] and \
        m.surface.lower() not in _PARTICLES


def _rows(ctx: ArticleContext, mentions: list[Mention], groups: list[int]) -> list[dict[str, Any]]:
    local: dict[int, str] = {}
    rows = []
    for n, (m, g) in enumerate(zip(mentions, groups, strict=True)):
        key = local.setdefault(g, f"{ctx.article_id}:L{len(local) + 1}")
        confidence = RECOVERED_CONFIDENCE if m.source == "rule:recovered" else \
            CONFIDENCE.get(m.weight, 0.7)
        row = provenance(ctx, m.start, m.end, EXTRACTOR, confidence)
        row.update({
            "mention_id": f"{ctx.article_id}:m{n}",
            "entity_id": key,
            "local_key": key,
            "title": m.title,
            "mention_type": m.label,
            "model_label": m.model_label,
            "label_source": m.source,
            "surface": m.surface,
            "name_key": m.key,
        })
        rows.append(row)
    return rows
