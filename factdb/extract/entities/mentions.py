"""Entity mentions from the model: the article view (``Article``), a mention record,
and the spans of the model's entities cleaned (titles, possessives, a leading "the"
left out) and typed by their head words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factdb.extract.context import ArticleContext
from factdb.ingest.records import STORY_ROLES, Sentence
from factdb.lang.calendar import MONTHS, WEEKDAYS
from factdb.lang.entity_types import (
    AMBIGUOUS_ORG_HEADS,
    CLUB_PREFIXES,
    CONTEXT,
    FACILITY_AFTER_PLACE,
    FACILITY_HEADS,
    FACILITY_NUMBERED,
    GROUP_NOUNS,
    LOOSE_LABELS,
    MODEL,
    NAME_LABELS,
    NAME_LINK,
    ORG_HEADS,
    PLACE_HEADS,
    PLACE_NOUNS,
    STRONG,
)
from factdb.lang.names import (
    LEADING_TITLES,
    is_title_word,
    is_weak_title,
    match_key,
    normalise,
    strip_title,
    title_before,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc





# --- vocabularies (generic English words, lower case) -------------------------------------

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
_KEEP_DOT = re.compile(r"(?:\b[A-Z]\.|(?:Inc|Ltd|Co|Corp|Jr|Sr|Bros|Mt|St)\.|"
                       # abbreviated US states and regions after a town ("Portland, Ore.")
                       r"(?<![\w.])(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|"
                       r"La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|"
                       r"Vt|Va|Wash|Wis|Wyo|Pref|Prov)\.)$")
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
gmt utc est edt cst cdt mst mdt pst pdt bst cet cest eet eest ist jst aest wat eat cat
cholera measles malaria ebola polio dengue typhoid tuberculosis mpox diphtheria influenza
""".split())  # (then time zones, "1200 GMT", and diseases, no entities in OntoNotes' types)
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
        tokens = ctx.tokens  # the shared view: its starts are the doc's token offsets
        self.token_starts: list[int] = tokens.starts if tokens.doc is doc else (
            doc.to_array("IDX").tolist() if len(doc) else [])
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
    if _has_head(words, org_heads) or (len(words) > 1 and words[0] in CLUB_PREFIXES
                                       and words[1][:1].isupper()):
        if m.label != "ORG":
            m.set_label("ORG", "rule:org-head", STRONG)
        else:
            m.weight = STRONG
    elif m.label in ("PERSON", "ORG", "GPE") and words[-1].lower() in PLACE_HEADS:
        m.set_label("LOC", "rule:place-head", STRONG)
    elif is_facility(words):
        m.set_label("FAC", "rule:facility-head", STRONG)


def is_facility(words: list[str]) -> bool:
    """"Elm Air Base", "Capitalia International Airport", "Post 9", "Tower 7"."""
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    last = words[-1].lower()
    if last in FACILITY_HEADS and words[-1][:1].isupper():
        return True
    return words[-1].isdigit() and words[-2].lower() in FACILITY_NUMBERED and \
        words[-2][:1].isupper()


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


#: Words of an office's name that end a title run into a person's name by the model ("US
#: Secretary of State Jane Roe" -> "State Jane Roe", "District Judge" -> "District ...").
_OFFICE_WORDS = (ORG_HEADS | PLACE_NOUNS | {"state", "district"}) - {"post", "times"}


def _cut_institution(art: Article, m: Mention) -> None:
    """A person's span that opens with the end of an office's name ("State Jane Roe",
    "District Judge Jane Roe" garbled to "District Choose Jane Roe"): the name is what
    follows the office word, without a word the tagger does not take for a proper noun."""
    if m.tok_start < 0 or m.tok_end - m.tok_start < 3:
        return
    doc = art.doc
    toks = list(range(m.tok_start, m.tok_end))
    office = [k for k, i in enumerate(toks[:-2]) if doc[i].lower_ in _OFFICE_WORDS]
    if not office:
        return
    k = office[-1] + 1
    while k < len(toks) - 2 and doc[toks[k]].tag_ not in ("NNP", "NNPS"):
        k += 1
    if len(toks) - k < 2 or not doc[toks[k]].text[:1].isupper():
        return
    start = doc[toks[k]].idx
    if m.title is None:
        m.title = normalise(art.text[m.start:start])
    m.start = start
    art.locate(m)
    m.rename(art.text)
    m.set_label("PERSON", "rule:title", STRONG)


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
            _strip_inner_title(text, prev)  # "Fed Chair" + "Jane Roe"
            prev.rename(text)
            continue
        out.append(m)
    kept: list[Mention] = []
    for m in out:
        if m.label == "PERSON":
            _cut_institution(art, m)
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
    for m in kept:
        after = _FACILITY_AFTER.match(text, m.end, m.sentence.char_end)
        if m.label in ("GPE", "LOC", "FAC") and after and \
                after.group(1).lower() in FACILITY_AFTER_PLACE:
            m.end = after.end()  # "Capitalia airport": the airport, not the city
            art.locate(m)
            m.rename(text)
            m.set_label("FAC", "rule:facility-head", STRONG)
    return _join_chapters(art, kept)


_FACILITY_AFTER = re.compile(r" ([a-z]+)\b")
def _join_chapters(art: Article, mentions: list[Mention]) -> list[Mention]:
    """"Amnesty International Kenya": an organisation's name of two words or more and the
    country of its branch written right after it are one name. ("X of Kenya" is left alone:
    "the Harbour Guard of Ruritania" is the Harbour Guard.)"""
    text = art.text
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.sentence is m.sentence and prev.label == "ORG" and \
                m.label == "GPE" and len(prev.words) > 1 and len(m.words) == 1 and \
                not prev.surface.isupper() and text[prev.end:m.start] == " " \
                and not text[m.end:m.end + 2].strip(" ")[:1].isupper():
            prev.end, prev.tok_end = m.end, m.tok_end
            prev.rename(text)
            continue
        out.append(m)
    return out


# --- headlines --------------------------------------------------------------------------------

#: label_source values of known name patterns, kept in a title-case line: a person with a
#: title, an organisation or facility with its head noun.
_PATTERN_SOURCES = frozenset({"rule:title", "rule:org-head", "rule:facility-head",
                              "rule:place-head"})


def title_case(text: str) -> bool:
    """A headline or subheading in title case: every word of four letters or more is
    capitalised ("Capital Halts Talks on Border Deal")."""
    words = [w for w in text.split() if len(w) >= 4 and w[:1].isalpha()]
    return len(words) >= 3 and all(w[:1].isupper() for w in words)


def _headline_names(art: Article, mentions: list[Mention]) -> list[Mention]:
    """In a title-case line ("Capital Halts Talks"), a name is kept when the same form is
    written in running text, or is a known pattern (a person with a title, an organisation
    with its head noun); else it is cut to its longest part written in running text
    ("Highlights Real Madrid" -> "Real Madrid"), or dropped."""
    text = art.text
    lines: dict[int, bool] = {}
    running = []
    for s in art.ctx.sentences:
        if s.role in STORY_ROLES:
            lines[s.seq] = title_case(text[s.char_start:s.char_end])
            if not lines[s.seq]:
                running.append(text[s.char_start:s.char_end])
    if not running:
        return mentions  # nothing but title-case lines: nothing to check them against
    body = "\n".join(running)
    out = []
    for m in mentions:
        if not lines.get(m.sentence.seq) or m.source in _PATTERN_SOURCES or \
                _not_title_cased(m.surface) or _written(body, text[m.start:m.end]):
            out.append(m)
            continue
        words = list(re.finditer(r"\S+", text[m.start:m.end]))
        best = None
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                a, b = _trim(text, m.start + words[i].start(), m.start + words[i + n - 1].end())
                if b > a and text[a].isupper() and _written(body, text[a:b]):
                    best = (a, b)
                    break
            if best:
                break
        if best is not None:
            m.start, m.end = best
            art.locate(m)
            m.rename(text)
            if m.source == "model":
                m.weight = 0  # the model's label was for the longer span
            out.append(m)
    return out


def _not_title_cased(surface: str) -> bool:
    """A name whose capitals are not those of title case: written in capitals (an acronym,
    a dateline's place), or one word in camel case ("NetCorp") or abbreviated ("Ore.")."""
    return surface.isupper() or (" " not in surface and (
        any(c.isupper() for c in surface[1:]) or "." in surface))


def _written(body: str, form: str) -> bool:
    return bool(form) and re.search(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", body) \
        is not None

