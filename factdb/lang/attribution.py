"""The vocabulary of attribution: reporting verbs, cue patterns, speaker phrases, relay chains.

General English newsroom vocabulary only: which verbs report speech, which phrases hedge,
which nouns name documents, media, institutions or unnamed people, and how a source's
name is folded so that "the Associated Press" and "AP" count as one source.
"""

from __future__ import annotations

import re
import unicodedata

# --- cue verbs (lemmas) ----------------------------------------------------------------

#: Verbs that report what someone said; they take a clause, a quotation or an object.
SPEECH_VERBS = frozenset("""
say tell report add warn claim confirm announce state note explain insist argue stress
emphasize emphasise acknowledge admit deny allege assert declare maintain predict write
tweet caution concede reply recall complain testify reveal disclose estimate contend
reiterate affirm remark observe comment suggest signal indicate mention specify urge
advise inform assure concur vouch hint project doubt describe express
""".split())
#: Speech verbs that take the person told before what is said ("warned them the ...").
ADDRESSEE_VERBS = frozenset("warn assure inform remind advise notify promise caution".split())
OBJECT_PRONOUNS = frozenset("me us you him her them".split())
#: Verbs of commitment: "X vowed to ...", "pledged to ...".
INTENT_VERBS = frozenset("vow pledge promise threaten".split())
#: Verbs that report only when a document is the subject: "the study found ...".
DOCUMENT_VERBS = frozenset("find conclude reveal show".split())
#: Phrasal cues: a verb lemma and the words after it that make it report speech
#: ("pointed out", "ruled out", "called it", "issued a statement").
PHRASAL_CUES: dict[str, tuple[tuple[str, ...], ...]] = {
    "point": (("out",),), "spell": (("out",),), "rule": (("out",),),
    "call": (("it",), ("them",), ("this",)),
    "release": (("a", "statement"),), "issue": (("a", "statement"),),
    "provide": (("a", "statement"),), "put": (("out", "a", "statement"),),
    "describe": (("as",),), "refer": (("to", "as"),), "characterize": (("as",),),
    "characterise": (("as",),), "brand": (("as",),),
}
#: Verbs of tallying: "the ministry counted 23 deaths", "the group has documented 24 strikes";
#: a cue only when a number follows within a few words.
TALLY_VERBS = frozenset("count tally record document track register log".split())
#: "claimed responsibility" is an act, not a statement.
NON_STATEMENT_OBJECTS = frozenset("responsibility credit victory".split())

#: Auxiliaries and adverbs that may stand between a speaker and a cue verb, joining the cue.
CUE_AUXILIARIES = frozenset("""
has have had will would may might could should can must is are was were be been also
later earlier previously separately again repeatedly further then now publicly privately
already recently once first reportedly allegedly subsequently similarly likewise
""".split())
NEGATIONS = frozenset({"not", "n't", "never"})

#: Passive quotation: "was quoted as saying", "is cited by X as telling".
PASSIVE_QUOTE = re.compile(
    r"\b(?:was|were|is|are|has been|have been|had been|being)\s+(?:widely\s+)?"
    r"(?:quoted|cited)(?:\s+by\s+(?P<by>[^,.;:\"“”]+?))?\s+as\s+"
    r"(?:saying|telling|stating|writing|adding|warning)\b", re.IGNORECASE)

#: Refusals to answer, recorded as claims without content.
NO_COMMENT = re.compile(
    r"\b(?:(?:declined|refused)\s+(?:immediately\s+)?to\s+(?:comment|elaborate|"
    r"discuss|confirm|respond|give details)"
    r"|(?:did not|didn't|could not|couldn't|would not|wouldn't)\s+(?:immediately\s+)?"
    r"(?:respond|reply)\s+to\s+(?:an?\s+|several\s+|repeated\s+)?(?:emailed\s+|written\s+)?"
    r"requests?\s+for\s+comment"
    r"|(?:did not|didn't)\s+(?:immediately\s+)?(?:respond|reply|comment)\b"
    r"(?!\s+(?:to|on)\s+(?!(?:an?\s+|the\s+)?(?:emailed\s+|written\s+)?(?:requests?|questions?|"
    r"messages?|calls?|emails?)\b))"
    r"|(?:did not|didn't)\s+(?:specify|elaborate|say\s+(?:how|why|when|where|who|whether))\b"
    r"|(?:did not|didn't)\s+(?:release|provide|give|disclose)\s+(?:any\s+)?(?:further\s+)?"
    r"details\b"
    r"|there\s+was\s+no\s+(?:immediate\s+)?(?:comment|word|response|reaction)\s+from\b"
    r"|(?:could not|couldn't)\s+(?:immediately\s+)?be\s+reached\s+for\s+comment"
    r"|(?:was|were)\s+not\s+(?:immediately\s+)?available\s+for\s+comment"
    r"|had\s+no\s+(?:immediate\s+)?comment)", re.IGNORECASE)

#: Hedges without a named speaker: "reportedly", "is said to", "is believed to".
HEDGE_CUE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|supposedly|rumou?red\s+to"
    r"|(?:is|are|was|were|has been|have been|had been)\s+"
    r"(?:said|believed|thought|understood|reported|alleged|rumou?red)\s+to"
    r"|(?:is|are|was|were|has been|have been|had been)\s+(?:widely\s+|also\s+)?accused\s+of"
    r"|it\s+(?:is|was|has\s+been|had\s+been)\s+(?:widely\s+)?(?:reported|alleged|claimed)"
    r"(?=\s+that\b|\s*,))\b",
    re.IGNORECASE)

#: Wording that marks a source as unnamed or unconfirmed.
HEDGE_WORDING = re.compile(
    r"\b(?:sources?|familiar with|with (?:direct )?knowledge of|close to the|"
    r"on condition of anonymity|not authori[sz]ed to|asked not to be (?:named|identified)|"
    r"declined to be (?:named|identified)|speaking anonymously|insiders?)\b", re.IGNORECASE)

#: Relay markers inside an attribution: "X reported, citing Y", "a report that cited Y".
RELAY_MARKER = re.compile(r"\b(?:citing|quoting|that cited|which cited|that quoted|"
                          r"which quoted|based on)\b", re.IGNORECASE)

#: Headline attributions: "Report: ...", "... - report", "..., sources say".
HEADLINE_LEAD = re.compile(r"^(?:#+\s*)?(?P<spk>reports?|sources?)\s*(?P<cue>:)\s*(?P<c>\S.*)$",
                           re.IGNORECASE)
HEADLINE_TAIL = re.compile(r"^(?:#+\s*)?(?P<c>\S.*?)(?:\s+(?P<cue>[-–—:|])|\s*(?P<colon>:))\s+"
                           r"(?P<spk>reports?|sources?)$", re.IGNORECASE)
#: A headline ending in a named source after a colon or dash: "...: Ministry", "... - Agency"
#: (the name is checked against the parse: an organisation or an outlet word).
HEADLINE_NAMED_TAIL = re.compile(r"^(?:#+\s*)?(?P<c>\S.*?)(?:\s+(?P<cue>[-–—|])|\s*(?P<colon>:))\s+"
                                 r"(?P<spk>(?:[Tt]he\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})$")
#: A headline opening with a named source and a colon: "Ministry: ...".
HEADLINE_NAMED_LEAD = re.compile(r"^(?:#+\s*)?(?P<spk>(?:[Tt]he\s+)?[A-Z][\w.&'’-]*"
                                 r"(?:\s+[A-Z][\w.&'’-]*){0,3})\s*(?P<cue>:)\s+(?P<c>\S.*)$")

# --- speaker nouns ---------------------------------------------------------------------

DOCUMENT_NOUNS = frozenset("""
report reports statement statements study survey investigation analysis document documents
letter memo filing data figures records review assessment audit poll ruling indictment
complaint lawsuit post tweet release communique communiqué bulletin estimate estimates
projections forecast forecasts census transcript minutes findings paper dossier inquiry
probe verdict judgment judgement order decree notice note summary testimony message
count tally footage video videos images photos
""".split())

#: Words that make a name a media outlet.
MEDIA_WORDS = frozenset("""
news newspaper newspapers press times post journal herald tribune telegraph gazette
broadcaster broadcasting television tv radio channel network daily weekly magazine wire
media outlet outlets website paper tabloid
""".split())
#: Definite descriptions that point back to an outlet named earlier.
ANAPHORIC_OUTLETS = re.compile(
    r"^(?:the|that|this)\s+(?:same\s+)?(?:news\s+agency|wire\s+service|newspaper|paper|"
    r"broadcaster|channel|network|outlet|daily|magazine|website|news\s+outlet|"
    r"news\s+site|tabloid|publication)$", re.IGNORECASE)
#: Definite descriptions of a report named earlier.
ANAPHORIC_DOCUMENTS = re.compile(
    r"^(?:the|that|this)\s+(?:same\s+|original\s+|news\s+|agency's\s+|newspaper's\s+)?"
    r"(?:report|investigation|article|story|dispatch|analysis)$|^reports?$", re.IGNORECASE)
#: Anonymous sources named before: "the sources", "two of the sources".
ANAPHORIC_SOURCES = re.compile(r"\b(?:the|those|these)\s+(?:same\s+)?sources?\b", re.IGNORECASE)

#: Nouns naming institutions (never media outlets, never unnamed people).
INSTITUTION_NOUNS = frozenset("""
ministry ministries government governments authority authorities police army military
commission council committee court parliament congress senate assembly agency department
office bank company firm group faction movement party union coalition alliance league
organisation organization federation association club board cabinet administration
presidency embassy consulate regulator service services force forces command
corporation institute institution university hospital municipality city state region
province county directorate bureau unit team campaign foundation fund charity
prosecutors prosecution secretariat kremlin pentagon militia militias
""".split())
#: Addressees of "told" that are audiences, not outlets.
AUDIENCE_WORDS = frozenset("""
parliament congress senate assembly committee court council cabinet conference summit
meeting rally crowd audience gathering delegates lawmakers legislators supporters
reporters journalists students investors analysts members staff employees workers
house commons lords forum session hearing jury
""".split())
#: Nouns for people who speak without being named.
PERSON_ROLE_NOUNS = frozenset("""
source sources official officials person people commander commanders spokesperson
spokesman spokeswoman spokespeople diplomat diplomats aide aides resident residents
witness witnesses analyst analysts expert experts insider insiders officer officers
member members lawmaker lawmakers executive executives employee employees worker workers
doctor doctors medic medics activist activists negotiator negotiators adviser advisers
advisor advisors leader leaders fighter fighters soldier soldiers engineer engineers
economist economists investigator investigators observer observers participant
participants director manager managers representative representatives minister
ministers envoy envoys delegate delegates neighbour neighbours neighbor neighbors
colleague colleagues relative relatives friend friends expert experts scientist
scientists researcher researchers trader traders banker bankers lawyer lawyers
governor chief head chair chairman chairwoman president candidate coach player captain
midfielder striker goalkeeper defender forward manager ceo founder owner investor teacher
nurse pilot driver farmer mother father son daughter wife husband survivor victim
""".split())
TITLES = frozenset("""
mr mrs ms dr prof gen brig col lt sgt capt maj adm cmdr sen rep gov pres rev sir dame
general colonel captain major admiral president minister premier chancellor senator
judge justice mayor governor ambassador secretary sheikh imam rabbi father pope king
queen prince princess coach manager chairman chairwoman
""".split())
PRONOUN_KINDS = {"he": "named_person", "she": "named_person", "i": "named_person",
                 "it": "named_org", "we": "named_org", "they": "anonymous"}
SPEAKER_KINDS = ("named_person", "named_org", "anonymous", "document", "outlet")

# --- normalisation ---------------------------------------------------------------------

_QUOTE_CHARS = str.maketrans({c: " " for c in "\"'“”‘’«»„‟‹›`´"})
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")


def content_key(text: str) -> str:
    """Content folded for grouping: case, quote marks, punctuation and white space."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS).lower()
    folded = _NON_WORD.sub(lambda m: "" if m.group() == "." else " ", folded)
    return _SPACE.sub(" ", folded).strip()


_FUNCTION_WORDS = frozenset({"the", "of", "and", "for", "in", "on", "at", "to", "a", "an", "de",
                             "la", "le", "al", "el"})


def source_key(name: str) -> str:
    """A source's name folded so that spellings of one source compare equal.

    Case, a leading article and punctuation are dropped, and a name of several
    capitalised words is reduced to its initials ("Associated Press" -> "ap"),
    which is also what its acronym folds to.
    """
    text = unicodedata.normalize("NFKC", name).strip()
    text = re.sub(r"^(?:the)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"['’]s$", "", text)
    words = [w for w in re.split(r"[\s\-–]+", text) if w]
    caps = [w for w in words if w[:1].isupper()]
    if len(words) > 1 and len(caps) >= 2 and all(
            w[:1].isupper() or w.lower() in _FUNCTION_WORDS for w in words):
        return "".join(w[0] for w in caps).lower()
    return content_key(text).replace(" ", "")


# --- speaker classification ------------------------------------------------------------

def words(text: str) -> list[str]:
    return re.findall(r"[\w'’]+", text.lower())


def has_media_word(text: str) -> bool:
    return any(w in MEDIA_WORDS for w in words(text))


def is_institution(text: str) -> bool:
    return any(w in INSTITUTION_NOUNS for w in words(text))


_CHUNK_END = re.compile(r",|\s(?:of|in|at|for|from|with|on|close to|familiar|who|which|that|"
                        r"based|speaking|polled|quoted)\s")


def head_chunk(speaker: str) -> str:
    """The speaker's first noun phrase: before an apposition, a preposition or a clause.

    A preposition inside a name ("Bank of Mexico Governor X") does not end it.
    """
    padded = " " + speaker + " "
    for m in _CHUNK_END.finditer(padded):
        before = padded[:m.start()].split()
        after = padded[m.end():].split()
        inside_name = (m.group().strip() in ("of", "for") and before and after
                       and before[-1][:1].isupper() and after[0][:1].isupper()
                       and before[-1].lower() not in PERSON_ROLE_NOUNS)
        if not inside_name:
            return padded[:m.start()].strip()
    return speaker.strip()


def head_noun(speaker: str) -> str:
    chunk = words(head_chunk(speaker))
    return chunk[-1] if chunk else ""


def is_hedged(text: str) -> bool:
    return bool(HEDGE_WORDING.search(text))


def looks_like_outlet_name(name: str, label: str | None) -> bool:
    """Is a name (with its spaCy label) plausibly a media outlet rather than a person?"""
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
    ws = words(name)
    if not ws or ws[-1] in AUDIENCE_WORDS:
        return False
    if has_media_word(name):
        return True
    if not name[:1].isupper() or is_institution(name):
        return False
    if any(w in AUDIENCE_WORDS for w in words(name)):
        return False
    return label not in ("PERSON", "GPE", "NORP", "LOC", "DATE", "CARDINAL")
