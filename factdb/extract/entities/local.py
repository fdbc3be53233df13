"""Within one article: aliases (a surname after the full name, an acronym after its
expansion, "X (Y)", "X, also known as Y"), type agreement between mentions of one
name, and the grouping that gives mentions of one thing a shared ``local_key``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from factdb.extract.entities.mentions import (
    _PARTICLES,
    CAPITALISED_RUN,
    KNOWN_AS,
    PAREN_ACRONYM,
    Article,
    Mention,
    _has_head,
    _is_name,
    _trim,
)
from factdb.lang.entity_types import (
    CONTEXT,
    LABEL_ORDER,
    LOOSE_LABELS,
    MODEL,
    NAME_LINK,
    NOT_PERSON,
    ORG_HEADS,
    PLACE_HEADS,
    STRONG,
    type_class,
)
from factdb.lang.names import (
    LEGAL_SUFFIXES,
    acronym_matches,
    initials,
    is_acronym,
    is_part_of_name,
    is_title_word,
    loose_key,
    match_key,
)

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
            paren = _paren_name(art, m, by_start)
            if paren is not None:
                if paren is not by_start.get(paren.start):
                    added.append(paren)
                links.append((m, paren))
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


#: "the Brigades of the Faithful (Saraya al-Mu'minin)": a name and its translation or original.
_PAREN_NAME = re.compile(r" ?\((?P<name>[^()\n]{3,80})\)")


def _paren_name(art: Article, m: Mention, by_start: dict[int, Mention]) -> Mention | None:
    """An organisation's other name of two words or more in brackets right after it."""
    if type_class(m.label) != "ORG" or m.label == "NORP" or len(m.surface.split()) < 2:
        return None
    p = _PAREN_NAME.match(art.text, m.end, m.sentence.char_end)
    if p is None:
        return None
    a, b = _trim(art.text, p.start("name"), p.end("name"))
    run = CAPITALISED_RUN.fullmatch(art.text, a, b)
    if run is None or len(art.text[a:b].split()) < 2:
        return None
    other = by_start.get(a)
    if other is not None:
        if other.end != b or (type_class(other.label) != "ORG" and other.weight > MODEL):
            return None
        return other
    other = _new_mention(art, a, b, m, "rule:alias")
    return other if _is_name(other.surface) else None


#: "Ivo 'Abu Z' al-Brand", "Jan “Jaro” Novak": a person's name with a nickname in quotes.
_NICKNAME = re.compile(
    r"(?P<first>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) [“\"‘'](?P<nick>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)"
    r"{0,2})[”\"’'] (?P<last>(?:(?:al|el|bin|ibn|van|von|de|da)[ \-—–])?[A-Z][\w'’\-—–]+)")


def _nicknames(art: Article, mentions: list[Mention],
               links: list[tuple[Mention, Mention]]) -> list[Mention]:
    """A name written with a nickname in quotes is one person mention (its key that of the
    name without the nickname), and the nickname an alias of it."""
    text = art.text
    for hit in _NICKNAME.finditer(text):
        start, first = hit.start(), hit.group("first")
        if " " in first and is_title_word(first.split()[0]):
            start, first = start + first.index(" ") + 1, first.split(None, 1)[1]
        sentence = art.story_sentence(start)
        if sentence is None or hit.end() > sentence.char_end or is_title_word(first):
            continue
        inside = [m for m in mentions if m.start < hit.end() and start < m.end]
        if any(m.end > hit.end() for m in inside) or \
                any(m.label != "PERSON" and m.weight > CONTEXT for m in inside):
            continue  # part of a longer name, or something else by strong evidence
        title = next((m.title for m in inside if m.title), None)
        full = Mention(start, hit.end(), "PERSON", None, "rule:nickname", NAME_LINK,
                       sentence, title=title)
        full.rename(text)
        full.key = match_key(f"{first} {hit.group('last')}")
        art.locate(full)
        nick = next((m for m in inside if (m.start, m.end) == hit.span("nick")), None)
        if nick is None:
            nick = Mention(hit.start("nick"), hit.end("nick"), "PERSON", None, "rule:nickname",
                           NAME_LINK, sentence)
            nick.rename(text)
            art.locate(nick)
        else:
            nick.set_label("PERSON", "rule:nickname", NAME_LINK)
        mentions = [m for m in mentions if m not in inside] + [full, nick]
        links.append((full, nick))
    return sorted(mentions, key=lambda m: (m.start, m.end))


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
        # a tie goes to the label of the strongest single piece of evidence: a name typed
        # once by its context ("security company X") outweighs as many model guesses
        strongest = {lab: max((m.weight for m in group if m.label == lab), default=0)
                     for lab in votes}
        best = max(votes, key=lambda lab: (votes[lab], strongest[lab], -_label_rank(lab)))
        for m in group:
            if m.label != best and m.weight < STRONG:
                m.label, m.source = best, "rule:article-vote"
                m.weight = MODEL


def agree_in_groups(mentions: list[Mention], groups: list[int]) -> None:
    """The forms of one thing in the article take the type of its strongest evidence: a
    form typed by strong evidence ("Nvidia Corp.": an organisation's head word) types the
    shorter forms the model labelled otherwise ("Nvidia" read as a place). Only a group
    with one label at the strongest weight changes, and only mentions below that weight."""
    members: dict[int, list[Mention]] = defaultdict(list)
    for m, g in zip(mentions, groups, strict=True):
        members[g].append(m)
    for group in members.values():
        top = max(m.weight for m in group)
        labels = {m.label for m in group if m.weight == top}
        if top < STRONG or len(labels) != 1:
            continue
        (best,) = labels
        for m in group:
            if m.weight < top and m.label != best:
                m.label, m.source, m.weight = best, "rule:group-vote", NAME_LINK


def _label_rank(label: str) -> int:
    return LABEL_ORDER.index(label) if label in LABEL_ORDER else len(LABEL_ORDER)


def _person_names(mentions: list[Mention]) -> None:
    """Parts of a person's name used alone are that person (the surname, or the given name
    of the one full name that opens with it: "Marta" after "Marta Kowalczyk"), and a full
    name whose surname or given name is a person by other evidence is a person."""
    people = [m.words for m in mentions if m.label == "PERSON" and len(m.words) > 1]
    given: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for full in people:
        given[full[0]].add(full)
    surnames = {m.words[0] for m in mentions
                if m.label == "PERSON" and len(m.words) == 1 and m.weight > MODEL}
    for m in mentions:
        if m.label == "PERSON" or m.weight > MODEL or not m.words or m.surface.isupper():
            continue
        if any(is_part_of_name(m.words, full) for full in people) or (
                len(m.words) > 1 and m.words[-1] in surnames and m.label in LOOSE_LABELS):
            m.set_label("PERSON", "rule:person-name", NAME_LINK)
        elif len(m.words) == 1 and len(m.surface) > 3 and len(given.get(m.words[0], ())) == 1:
            m.set_label("PERSON", "rule:person-name", NAME_LINK)
        elif 2 <= len(m.words) <= 3 and m.words[0] in surnames and \
                m.label in ("ORG", "PRODUCT", "WORK_OF_ART") and \
                not _has_head(m.surface.split(), ORG_HEADS | PLACE_HEADS):
            m.set_label("PERSON", "rule:person-name", NAME_LINK)  # "Tomas" ... "Tomas Varga"


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
            kind = type_class(m.label)
            keys = [m.key] if kind != "ORG" else [m.key, "loose:" + loose_key(m.surface)]
            for key in keys:
                k = (kind, key)
                if k in first_of:
                    union(first_of[k], i)
                else:
                    first_of[k] = i
    for i, j in links:
        union(i, j)
    for i, j in _short_forms(mentions):
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


def _short_forms(mentions: list[Mention]) -> list[tuple[int, int]]:
    """One-word short forms of the one organisation in the article they can stand for: a
    clipped first word ("Consol" for "Consolidated Mining Corporation"), a team's plural last
    word ("Falcons" for "Riverton Falcons"). The fullest names that hold a shorter candidate
    ("Consolidated Mining Corporation Pension Board") are its parts, not other candidates."""
    orgs = [(j, _org_words(o)) for j, o in enumerate(mentions)
            if type_class(o.label) == "ORG" and o.label != "NORP" and len(o.words) > 1]
    out: list[tuple[int, int]] = []
    # a company's name without its legal form ("Nvidia" for "Nvidia Corp."), whatever label
    # the model gave the short form (a place, a person): the article names one company so
    legal = {w[0]: j for j, w in orgs
             if len(w) > 1 and all(x.strip(".,") in LEGAL_SUFFIXES for x in w[1:])}
    for i, m in enumerate(mentions):
        if len(m.words) == 1 and m.weight < STRONG and m.surface.lower() in legal:
            out.append((i, legal[m.surface.lower()]))
    for i, m in enumerate(mentions):
        word = m.surface
        if type_class(m.label) != "ORG" or len(m.words) != 1 or len(word) < 3 or \
                word.isupper() or not word[:1].isupper() or word.lower() in ORG_HEADS:
            continue
        low = word.lower()
        cands = [(j, w) for j, w in orgs if
                 (w[0].startswith(low) and w[0] != low) or
                 (w[-1] == low and low.endswith("s"))]
        if not cands:
            continue
        shortest = min(cands, key=lambda c: len(c[1]))[1]
        if all(w[:len(shortest)] == shortest or w == shortest for _, w in cands):
            out.extend((i, j) for j, w in cands if w == shortest)
    return out


def _org_words(m: Mention) -> list[str]:
    words = [w.lower().strip(".") for w in m.surface.split()]
    return words[1:] if words[0].replace(".", "") in ("us", "uk", "eu", "un") else words


def _middle_name(m: Mention, full: tuple[str, ...]) -> bool:
    """A one-word name that is a given or middle name of a full name ("Lula" in "Luiz Inacio
    Lula da Silva", "Abiy" in "Abiy Ahmed"): inside one article it refers to that person
    (when only one full name has it; see _group)."""
    return len(m.words) == 1 and len(m.surface) > 3 and m.words[0] in full[:-1] and \
        m.surface.lower() not in _PARTICLES
