"""Types from context: appositives (", the group"), nouns before and after a name
("militia leader X", "X fighters"), place prepositions, subjects, pronouns and lists.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from factdb.extract.entities.mentions import (
    _LIST_GLUE,
    _NOUN_TAGS,
    _OPENERS,
    _STOP_TAGS,
    _SUBJECT_BEFORE,
    AND_OTHER,
    PRONOUN,
    Article,
    Mention,
    _has_head,
)
from factdb.lang.editions import SERIES_HEADS
from factdb.lang.entity_types import (
    ADMIN_NOUNS,
    CELESTIAL,
    CONTEXT,
    GROUP_NOUNS,
    KIN_NOUNS,
    LOOSE_LABELS,
    MEMBER_NOUNS,
    MODEL,
    MOTION_WORDS,
    NOT_PERSON,
    NOT_PLACE_BEFORE_TO,
    ORG_HEADS,
    PERSON_NOUNS,
    PLACE_GROUP_NOUNS,
    PLACE_HEADS,
    PLACE_HINT,
    PLACE_NOUNS,
    PLACE_OF_NOUNS,
    PLACE_OFFICE_NOUNS,
    PLACE_PLURALS,
    PLACE_PREPOSITIONS,
    ROLE_AFTER_NOUNS,
    STRONG,
    STRONG_PLACE_PREPOSITIONS,
    type_class,
)
from factdb.lang.gazetteer import place_kind
from factdb.lang.names import (
    starts_with_given_name,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# --- types from context -----------------------------------------------------------------------

def _forms(word: str) -> list[str]:
    """A common noun and its possible singulars ("counties" -> "county")."""
    w = word.lower()
    forms = [w]
    if w.endswith("ies"):
        forms.append(w[:-3] + "y")
    if w.endswith("es"):
        forms.append(w[:-2])
    if w.endswith("s"):
        forms.append(w[:-1])
    return forms


def is_admin_noun(word: str) -> bool:
    """"province", "counties": a noun naming an administrative unit."""
    return any(form in ADMIN_NOUNS for form in _forms(word))


def noun_class(word: str) -> str | None:
    """"org", "per" or "place" for a common noun (singular or plural), else None."""
    for form in _forms(word):
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
    if _celestial(doc, m) or _team(doc, m) or _name_form(m) or _demonym(doc, m) or \
            _disaster(doc, m):
        return
    after = _appositive_head(doc, m)
    if after == "whose-place":
        if label not in ("GPE", "LOC"):
            m.set_label("GPE", "rule:appositive", CONTEXT)
        return
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
    if kind == "admin" and label == "LOC":
        m.set_label("GPE", "rule:noun-before", max(m.weight, CONTEXT))  # "the town of X"
        return
    if kind == "admin":
        kind = "place"
    if kind == "place" and label == "PERSON" and len(m.words) > 1 and \
            starts_with_given_name(m.surface):
        kind = None  # "the governor of the province Jane Roe": the person after the place
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


#: Heads of a series that name it alone ("the Olympics"); any other ("Derby", "Open") is a
#: series only after another word of its name.
ALONE_SERIES = frozenset({"olympics", "paralympics", "olympiad"})


def _name_form(m: Mention) -> bool:
    """What the words of a name tell: a recurring event's head-word after another word of
    its name ("the Grand Cup", "three Harvest Bowls", "Grand Cup 31"; the heads of
    factdb.lang.editions), or an edition or model number after a name the model read as a
    person's ("Voyager 2", "Falcon 9": no person's name ends in a number)."""
    words = m.surface.lower().split()
    numbered = len(words) > 1 and words[-1].isdigit()
    if numbered:
        words = words[:-1]
    head = words[-1] if words else ""
    series = (len(words) > 1 or head in ALONE_SERIES) and (
        head in SERIES_HEADS or head.endswith("s") and head[:-1] in SERIES_HEADS)
    if series and m.label == "EVENT":
        return True     # the model's event stays one ("lost in Super Bowl 54": no place)
    if series and m.label != "NORP":
        m.set_label("EVENT", "rule:event-head", CONTEXT)
        return True
    if numbered and m.label == "PERSON":
        m.set_label("PRODUCT", "rule:numbered-name", CONTEXT)
        return True
    return False


def _known_place(m: Mention, surnames: frozenset[str]) -> None:
    """A name the model typed a person or an organisation on its own evidence that is a
    country's or a first-level subdivision's name is that place ("near the border with
    X", "X released 40 prisoners", "Tasmania and the company signed"), unless it is the
    last word of a person's name in the article (``surnames``: a surname that is also a
    country's name, the person named in full first). A country typed a location ("the
    Solomon Islands") is a political place, as is a region the model alone typed so,
    unless its name ends in a natural feature ("Red Sea": a state's name and a sea's)."""
    kind = place_kind(m.surface)
    if m.label == "LOC" and (kind == "country" or kind == "subdivision" and m.weight <= MODEL
                             and m.surface.split()[-1].lower() not in PLACE_HEADS):
        m.label, m.source = "GPE", "rule:known-place"  # a country is a political place
        return
    if m.weight > MODEL or m.label not in ("PERSON", "ORG") or m.surface.lower() in surnames:
        return
    if kind in ("country", "subdivision"):
        m.set_label("GPE", "rule:known-place", CONTEXT)


def _given_name(m: Mention) -> None:
    """"Andreas Thorkildsen": two to four capitalised words opening with a common given name
    and no organisation or place head-word name a person, whatever the model said or a
    preposition of place hinted ("lost to Jane Roe")."""
    if m.label == "PERSON" or m.weight > PLACE_HINT or not 2 <= len(m.words) <= 4 or \
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
    if low == "whose":
        return _whose(doc, i + 2, m)
    if low in ("who", "which"):
        return "which" if low == "which" else "who"
    j = i + 2
    if first.tag_ == "NNP" and j < n and doc[j].tag_ == "POS":
        j += 1  # ", Acme's chief executive,"
    elif low not in _OPENERS and first.tag_ not in ("DT", "PRP$", "CD"):
        return None
    stop = min(n, i + 18)
    while j < stop and doc[j].idx < m.sentence.char_end:
        tag = doc[j].tag_
        if tag in _STOP_TAGS:
            return None
        if tag == "NNP" and doc[j].is_title and noun_class(doc[j].text) == "per" and \
                (j + 1 >= n or doc[j + 1].tag_ not in ("NNP", "NNPS")):
            return str(doc[j].lower_)  # ", the Prime Minister,": a capitalised title
        if tag in _NOUN_TAGS and doc[j].is_lower:
            while j + 1 < n and doc[j + 1].tag_ in _NOUN_TAGS and doc[j + 1].is_lower:
                j += 1
            if j + 1 < n and doc[j + 1].tag_ == "POS":
                j += 2  # "the group's leader": the head comes after the possessive
                continue
            return str(doc[j].lower_)
        j += 1
    return None


def _whose(doc: Doc, j: int, m: Mention) -> str | None:
    """After ", whose": "who" for a person's kin or lawyer ("X, whose wife"), "whose-place"
    for a place's parts ("X, whose capital is Y"); else nothing (a company has shares, a
    group members, a person a team)."""
    while j < len(doc) and doc[j].idx < m.sentence.char_end and doc[j].tag_ in ("JJ", "JJS",
                                                                                  "JJR"):
        j += 1
    if j >= len(doc) or doc[j].tag_ not in _NOUN_TAGS or not doc[j].is_lower:
        return None
    word = doc[j].lower_
    if word in KIN_NOUNS:
        return "who"
    if word in PLACE_OF_NOUNS or noun_class(word) == "place":
        return "whose-place"
    return None


def _celestial(doc: Doc, m: Mention) -> bool:
    """"the Moon", "on Earth": a body of the solar system is a location, never a person."""
    if m.label == "LOC" or len(m.words) != 1 or m.surface.lower() not in CELESTIAL or \
            not m.surface[0].isupper():
        return False
    j = m.tok_start - 1
    if j < 0 or doc[j].lower_ not in ("the", "on", "to", "from", "around", "orbit", "orbiting"):
        return False
    m.set_label("LOC", "rule:celestial", CONTEXT)
    return True


#: the first words of named storms ("Hurricane Ida", "Typhoon Haiyan")
_STORM_FIRST = frozenset({"hurricane", "typhoon", "cyclone", "storm", "tropical"})
#: what follows a fire service's name ("the Santa Rosa Fire Department"): no fire
_FIRE_SERVICE = frozenset({"department", "dept", "dept.", "station", "service", "services",
                           "authority", "protection", "brigade", "district", "chief",
                           "captain", "marshal", "rescue", "crews", "crew"})


def _disaster(doc: Doc, m: Mention) -> bool:
    """A named disaster is an event, never a person: a storm by its first word
    ("Typhoon Haiyan"), a wildfire by "the" and a last word "Fire" ("the Glass Fire"), when
    no service's word follows ("the Glass Fire Department" is none)."""
    words = m.surface.split()
    if len(words) < 2 or m.label == "EVENT":
        return False
    storm = words[0].lower() in _STORM_FIRST and words[0][:1].isupper()
    fire = words[-1] == "Fire" and m.tok_start > 0 and doc[m.tok_start - 1].lower_ == "the" \
        and not (m.tok_end < len(doc) and doc[m.tok_end].lower_ in _FIRE_SERVICE)
    if not (storm or fire):
        return False
    m.set_label("EVENT", "rule:disaster-name", CONTEXT)
    return True


#: the endings of the adjectives that name a people ("Ukrainian", "Sudanese", "Iraqi",
#: "Turkish", "Slavic", "French")
_DEMONYM_ENDINGS = ("an", "ese", "ish", "i", "ic", "ch")


def _demonym(doc: Doc, m: Mention) -> bool:
    """"the Russian and Ukrainian authorities": an adjective naming a people is a
    nationality or group (NORP), where the model typed it a place; a place's own name is
    a noun."""
    if m.label not in ("GPE", "LOC") or len(m.words) != 1 or m.tok_end - m.tok_start != 1:
        return False
    tok = doc[m.tok_start]
    if tok.tag_ != "JJ" or not tok.text.lower().endswith(_DEMONYM_ENDINGS):
        return False
    m.set_label("NORP", "rule:demonym", CONTEXT)
    return True


#: first words of town names ("Fort Myers", "Port Rovers"): the rest is no team
_TOWN_FIRST = frozenset({"fort", "port", "mount", "saint", "st.", "st"})


def _team(doc: Doc, m: Mention) -> bool:
    """A capitalised plural names a team or a group, not a place or a person: a plural of
    people after a place ("the Springfield Rovers", "Metro 76ers" read as the place, but not
    "Fort Myers"), or a plural alone after "the" or a possessive ("the Rovers", "the
    country's Rebels"), unless it ends a place name ("Palm Springs", "the Cayman Islands")."""
    words = m.surface.split()
    last = words[-1]
    plural = len(last) > 3 and last[-1] == "s" and last[-2] not in "su'" and \
        (last[0].isupper() or last[0].isdigit()) and last.lower() not in PLACE_PLURALS and \
        last.lower() not in PLACE_HEADS and not last.isupper()
    if not plural:
        return False
    if len(words) > 1 and m.label in ("GPE", "LOC", "FAC") and \
            (last[0].isdigit() or last.endswith("ers")) and words[0].lower() not in _TOWN_FIRST:
        m.set_label("ORG", "rule:team", CONTEXT)  # a plural of people after a place
        return True
    j = m.tok_start - 1
    if len(words) == 1 and m.label == "PERSON" and j >= 0 and \
            (doc[j].lower_ == "the" or doc[j].tag_ == "POS") and \
            not (m.tok_end < len(doc) and doc[m.tok_end].tag_ in _NOUN_TAGS):
        m.set_label("ORG", "rule:team", CONTEXT)
        return True
    return False


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
    if is_admin_noun(tok.lower_):
        return "admin", comma
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
    compound = i + 1 < len(doc) and doc[i + 1].tag_ in _NOUN_TAGS and doc[i + 1].is_lower
    if is_admin_noun(word) and m.label not in ("GPE", "NORP") and not compound:
        m.set_label("GPE", "rule:place-noun", CONTEXT)  # "X province", "X and Y counties"
        return True
    if word in PLACE_OFFICE_NOUNS and m.label in ("PERSON", "NORP", "LOC") and not compound:
        m.set_label("GPE", "rule:place-noun", CONTEXT)  # "former X governor Jane Roe"
        return True                                     # ("Fed governor": an ORG stays)
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
    if doc[j].lower_ == "to" and j > 0 and doc[j - 1].lower_ in NOT_PLACE_BEFORE_TO:
        return False  # "according to X": a source
    if doc[j].lower_ in ("to", "from") and not _of_motion(doc[j]):
        return False  # "a pass to X", "lost to X", "a letter from X": a person or a party
    i = m.tok_end
    if i < len(doc) and (doc[i].tag_ == "POS" or (doc[i].tag_ in _NOUN_TAGS and doc[i].is_lower)):
        return False  # "in Kurdish areas", "in Biden's plan": not a place
    strong = doc[j].lower_ in STRONG_PLACE_PREPOSITIONS
    if m.label == "PERSON" or m.label == "NORP" or strong or doc[j].lower_ == "in":
        m.set_label("GPE", "rule:place-preposition", PLACE_HINT)
        return True
    return False


def _of_motion(prep: Token) -> bool:
    """Whether a verb or a noun of motion or direction governs "to" or "from" ("fled to",
    "flights from", "the road to", "10 km away from", "went back to"): its object is a
    place, where "a pass to", "lost to" or "a call from" take a person."""
    head = prep.head
    while head.i != prep.i:
        if head.lemma_.lower() in MOTION_WORDS:
            return True
        if head.pos_ not in ("ADV", "ADP", "PART") or head.head.i == head.i:
            return False
        head = head.head  # "went back to", "far away from"
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
    people without other evidence are places too ("X, Y and Z", each a country)."""
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
