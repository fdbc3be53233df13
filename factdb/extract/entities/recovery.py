"""Names the model missed or cut: capitalised runs ending in an organisation head-word,
named groups, names extended over their missing words, and later mentions of a form
already named in the article.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from factdb.extract.entities.mentions import (
    _CALENDAR,
    _MISSED_PATTERNS,
    _NAME_PARTICLE_GAP,
    _PARTICLES,
    _WORD,
    CAPITALISED_RUN,
    Article,
    Mention,
    _is_name,
    _title_before,
    _trim,
    _type_by_head,
)
from factdb.extract.entities.typing import _given_name, _type_by_context
from factdb.ingest.records import Sentence
from factdb.lang.entity_types import (
    CONTEXT,
    LOOSE_LABELS,
    MODEL,
    ORG_HEADS,
    PERSON_NOUNS,
    PLATFORM_NOUNS,
    PLATFORM_VERBS,
    STRONG,
)
from factdb.lang.names import (
    TITLE_ENDS,
    match_key,
    normalise,
    strip_title,
    title_at,
)

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
            sentence = art.story_sentence(hit.start(group))
            if sentence is None:
                continue
            end = hit.end(group)
            if group == 0:  # "X Fire Unit Chief Jane Roe": the unit, then a title
                cut = _to_last_head(text, hit.start(group), min(end, sentence.char_end))
                end = cut if cut < sentence.char_end else end
                if text[hit.start():end].rsplit(None, 1)[-1].lower() not in ORG_HEADS:
                    continue
            if end > sentence.char_end:
                continue
            if sentence.seq not in headline_case:
                words = text[sentence.char_start:sentence.char_end].split()
                headline_case[sentence.seq] = len(words) > 3 and sum(
                    w[:1].isupper() for w in words) > 0.6 * len(words)
            if headline_case[sentence.seq]:
                continue  # a headline in title case: every word looks like a name
            a, b = _name_run(art, hit.start(group), end)
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
        if all(m.start <= o.start and o.end <= m.end and (o.weight < STRONG or (
                o.source == "rule:org-head" and o.end == m.end)) and
               (o.start, o.end) != (m.start, m.end) for o in inside):  # (the same head)
            for o in inside:
                mentions.remove(o)  # a piece of the longer name ("Muslimin")
            mentions.append(m)
    mentions.extend(_orphans(art, mentions))
    return mentions


def _to_last_head(text: str, a: int, b: int) -> int:
    """The end of a capitalised run cut after its last organisation head-word when a title
    or a preposition of place follows it ("the Harbor Fire Unit Chief Jane Roe" -> "Harbor
    Fire Unit", "Elm Elementary School in Springfield" -> "Elm Elementary School")."""
    words = list(re.finditer(r"\S+", text[a:b]))
    for k in range(len(words) - 1, 0, -1):
        if words[k].group().lower() in ORG_HEADS:
            rest = [w.group().lower().rstrip(".") for w in words[k + 1:]]
            if rest and (rest[0] in TITLE_ENDS or rest[0] in PERSON_NOUNS or
                         rest[0] in ("in", "at", "near")):
                return a + words[k].end()
            return b
    return b


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
            if m.source == "orphan" and _platform(art, m):
                m.set_label("ORG", "rule:platform", CONTEXT)
        if m.source == "orphan":
            continue
        m.rename(text)
        art.locate(m)
        if _is_name(m.surface) and (m.label != "PERSON" or len(m.words) <= 4):
            m.model_label = None
            out.append(m)
    return out


def _platform(art: Article, m: Mention) -> bool:
    """"wrote on Instagram", "said on Mastodon", "on the Signal messaging app": a proper noun after
    "on" that follows a verb of saying, or before "social network", "page", "account"."""
    doc = art.doc
    i, j = m.tok_start, m.tok_end
    if i < 2 or j - i != 1 or doc[i - 1].lower_ != "on":
        return False
    k = i - 2
    if doc[k].lower_ == "the" and k > 0:
        k -= 1
    after = doc[j].lower_ if j < len(doc) else ""
    return doc[k].lower_ in PLATFORM_VERBS or after in PLATFORM_NOUNS


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
