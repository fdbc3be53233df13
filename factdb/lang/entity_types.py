"""Entity types: the model's labels, how they group and weigh, and the head nouns that
type a name ("... Party" is an organisation, "... River" a place). Shared by the entity
extractor (per article) and the entity resolver (across articles).
"""

from __future__ import annotations

import hashlib
from collections import Counter

from factdb.lang.gazetteer import state_of_abbreviation
from factdb.lang.names import arabic_org_core, loose_key, match_key, org_core_key

#: The extractor name entity rows carry (the resolver selects them by it).
EXTRACTOR = "entities"
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
    if name in ("title", "org-head", "place-head", "facility-head"):
        return STRONG
    if name == "person-name":
        return NAME_LINK
    if name == "place-preposition":
        return PLACE_HINT
    return CONTEXT



def best_label(votes: Counter[str]) -> str:
    """The label with the most votes; ties go to the label listed first in LABEL_ORDER."""
    return max(votes, key=lambda lab: (votes[lab], -_rank(lab))) if votes else "ORG"


def _rank(label: str) -> int:
    return LABEL_ORDER.index(label) if label in LABEL_ORDER else len(LABEL_ORDER)


def entity_id(entity_type: str, name: str, taken: set[str]) -> str:
    """A stable id from the type and the name's match key, not one of taken (added to it)."""
    base = f"{entity_type}|{match_key(name) or name}"
    n = 1
    while True:
        ident = "e" + hashlib.sha1((base if n == 1 else f"{base}|{n}").encode()).hexdigest()[:12]
        if ident not in taken:
            taken.add(ident)
            return ident
        n += 1

#: Places whose name is also that of another place of another kind (a city and a state or
#: country): general knowledge. Two articles' mentions of one are the same place only when
#: the articles share other people or organisations (see factdb.resolve.entities).
HOMONYM_PLACES = frozenset("""
new york|washington|georgia|mexico|guatemala|panama|kuwait|djibouti|singapore|luxembourg|
monaco|san marino|sao paulo|rio de janeiro|quebec|punjab|kashmir|tucuman|santiago|
victoria|hyderabad|cordoba|valencia|granada|san jose|la paz|santa cruz
""".replace("\n", "").split("|"))

# --- head nouns and context nouns (generic English words, lower case) --------------------

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
motors industries bloc caucus syndicate consortium trust school
rovers wanderers rangers athletic albion hotspur afc cf sc
""".split())
#: First words of sports clubs' names, as written ("Real Madrid", "AC Milan", "Borussia
#: Dortmund", "Atlético Madrid"): the name is an organisation, whatever place follows.
CLUB_PREFIXES = frozenset("""
Real Atlético Atletico Athletic Sporting Borussia Bayer Olympique Olympiacos Dynamo Dinamo
Inter Internazionale Eintracht Hertha Werder Fortuna Racing Deportivo Celta Espanyol
AC AS FC SC SV SS RB VfB VfL PSV AFC CF CSKA
""".split())
#: Head-words that also end place names ("West Bank", "Soviet Union"): not used on places.
AMBIGUOUS_ORG_HEADS = frozenset({"bank", "union", "front", "guard", "post", "reserve",
                                 "court", "exchange", "college", "university", "army"})
#: Head-words of natural-feature names: a span ending in one is a location.
PLACE_HEADS = frozenset("""
river sea ocean mountains mountain gulf strait straits valley desert lake bay peninsula
basin plateau plain plains island islands coast canal delta highlands heights
""".split())
#: Head-words of facility names ("Elm Air Base", "Capitalia International Airport",
#: "Allegiant Stadium", "St Anne's Basilica", "Silverado Trail"); "Post", "Tower" and "Camp"
#: name a facility before a number ("Post 9"). Not "church" (also a body: "the Anglican
#: Church"), "palace" (a club: "Crystal Palace") or "street" (a market: "Wall Street").
FACILITY_HEADS = frozenset("""
airport airbase airfield airstrip base barracks garrison checkpoint outpost stadium arena
basilica cathedral mosque synagogue chapel shrine monastery castle bridge tunnel dam
highway motorway freeway expressway trail inn
""".split())
FACILITY_NUMBERED = frozenset({"post", "tower", "camp", "base", "checkpoint", "outpost", "gate",
                               "hangar", "terminal", "pier", "berth"})
#: Lower-case facility nouns after a place name that make one facility ("Capitalia airport").
FACILITY_AFTER_PLACE = frozenset({"airport", "airbase", "airfield"})
#: Proper nouns after "said/wrote/posted on": a platform ("wrote on Instagram").
PLATFORM_VERBS = frozenset({"said", "wrote", "posted", "published", "announced", "shared",
                            "tweeted", "stated", "reported", "claimed", "added", "says",
                            "writes", "posts"})
PLATFORM_NOUNS = frozenset({"social", "page", "account", "post", "platform", "channel",
                            "feed", "network"})
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
#: Administrative units: "X province", "the town of X" name a political place (GPE), where
#: a river or a valley is a location.
ADMIN_NOUNS = frozenset("""
city town village capital province region state district county governorate prefecture
municipality oblast emirate territory
""".split())
#: After "whose", nouns that say the antecedent is a person ("X, whose wife ...").
KIN_NOUNS = frozenset("""
wife husband son sons daughter daughters mother father parents children family brother
sister lawyer lawyers attorney attorneys widow
""".split())
#: "according to X", "thanks to X": a source or a cause, not a place.
NOT_PLACE_BEFORE_TO = frozenset({"according", "thanks", "due", "owing", "attributed",
                                 "listening", "spoke", "speaking", "talked", "talking"})
#: Plural last words of place names ("Palm Springs", "the Cayman Islands"): a name ending
#: in any other capitalised plural after a place ("Springfield Rovers", "Metro 76ers") is a
#: team or a group.
PLACE_PLURALS = frozenset("""
islands isles states emirates falls springs heights hills rivers lakes mountains highlands
lowlands midlands plains territories keys shores gardens meadows woods flats sands rapids
cays grenadines antilles comoros bahamas maldives seychelles philippines netherlands
provinces lands glades pines oaks palms
""".split())
#: Bodies of the solar system written as names ("the Moon", "on Earth"): locations.
CELESTIAL = frozenset({"moon", "earth"})
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
#: Offices of a place: "the Central Province governor", "a former X mayor" (X a place).
PLACE_OFFICE_NOUNS = frozenset({"governor", "governors", "mayor", "mayors", "premier",
                                "governorship", "mayoralty"})
#: Verbs and nouns of motion or direction (lemmas): a name after "to" or "from" that one
#: governs is a place ("fled to X", "flights from X", "the road to X", "10 km from X");
#: after any other word it is a person or a party ("a pass to X", "lost to X", "a letter
#: from X").
MOTION_WORDS = frozenset("""
go come return travel fly move head arrive depart leave flee escape migrate emigrate
immigrate relocate evacuate deport extradite expel exile send bring carry ship export
import transport deploy dispatch withdraw retreat drive walk march sail ride drift spread
stretch extend commute journey repatriate smuggle airlift route divert redirect sneak
cross trek hike cruise rush transit
trip visit flight route road way voyage tour exodus passage migration arrival departure
withdrawal deportation extradition evacuation shipment export import refugee migrant
evacuee pilgrim pilgrimage visitor tourist traveller traveler train bus ferry
highway railway gateway distance mile kilometre kilometer km away far
ambassador envoy embassy
""".split())
#: Prepositions before a place ("near X", "in X").
PLACE_PREPOSITIONS = frozenset({"in", "near", "around", "outside", "across", "throughout",
                                "inside", "into", "towards", "toward", "from", "to"})
STRONG_PLACE_PREPOSITIONS = frozenset({"near", "around", "outside", "across", "throughout",
                                       "inside"})


def same_name_keys(name: str, key: str, kind: str) -> set[str]:
    """The keys under which a unit (one article's mentions of one thing, named `name`, typed
    `kind`) meets units of the same name in other articles (factdb.resolve.entities)."""
    if not key:
        return set()
    if kind == "ORG":
        core = arabic_org_core(name)  # "Harakat al-X" is "the X movement"
        # "Tesla Inc" is "Tesla"; "the Frontier Guards" is "the Frontier Guard Corps"
        return {org_core_key(match_key(core) if core else key),
                "loose:" + org_core_key(loose_key(core or name))}
    if kind == "PERSON" and len(key.split()) >= 3:
        # three names or more: a dropped vowel is one transliteration of another
        # ("Mohamed Hamdan Dagalo" / "Mohammed Hamdan Daglo")
        return {key, "person:" + key.replace(".", "")}
    if kind in LOOSE_LABELS:
        return {key, "loose:" + loose_key(name)}  # "Super Bowl" / "Super Bowls"
    state = state_of_abbreviation(name) if kind == "PLACE" else None
    if state:
        return {key, match_key(state)}  # "Mich." is Michigan
    return {key}
