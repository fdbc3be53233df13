"""Personal and organisation names: spacing, titles, initials and transliteration match keys.

``match_key`` gives two spellings of one name the same key when they differ only in the
ways transliteration from Arabic, Persian, Cyrillic and other scripts varies: diacritics,
apostrophes for glottal stops, hyphenated articles (al-, ash-), q/gh/k, doubled letters,
th/t, ph/f, dh/z, ou/oo/u, o/u, e/i, y/i/iy endings, and unstressed middle vowels. The
first and the final vowel of each word are kept, so Hassan and Hussein, Ali and Alia,
Omar and Amr keep different keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --- spacing, apostrophes and hyphens ---------------------------------------------------------

_APOSTROPHES = "'’‘ʼʻ`´′"
_HYPHENS = "-‐‑‒–—―−"
_SPACE = re.compile(r"\s+")
_HYPHEN = re.compile("[" + re.escape(_HYPHENS) + "]")
_APOS = re.compile("[" + re.escape(_APOSTROPHES) + "]")
_EDGE_JUNK = " \t\n\"“”«»()[]{},;:!?*|/\\"


def normalise(text: str) -> str:
    """A name as written, with single spaces, plain apostrophes and plain hyphens."""
    text = _APOS.sub("'", text)
    text = _HYPHEN.sub("-", text)
    text = _SPACE.sub(" ", text)
    return text.strip(_EDGE_JUNK)


# --- titles and honorifics --------------------------------------------------------------------

#: Titles and honorifics written before a name (longest forms are tried first).
TITLE_WORDS = [
    # military and police ranks
    "Field Marshal", "Marshal", "Brigadier General", "Brig. Gen.", "Brig Gen", "Brig.-Gen.",
    "Brigadier", "Brig.", "Major General", "Maj. Gen.", "Maj Gen", "Maj.-Gen.",
    "Lieutenant General", "Lt. Gen.", "Lt Gen", "Lt.-Gen.", "Lieutenant Colonel", "Lt. Col.",
    "Lt Col", "Lieutenant", "Lt.", "General", "Gen.", "Colonel", "Col.", "Major", "Maj.",
    "Captain", "Capt.", "Commander", "Cmdr.", "Cdr.", "Admiral", "Rear Admiral",
    "Vice Admiral", "Adm.", "Sergeant", "Sgt.", "Staff Sergeant", "Corporal", "Cpl.",
    "Private", "Pvt.", "Commodore", "Air Marshal", "Air Chief Marshal",
    # civil
    "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Miss", "Mx.", "Dr.", "Dr", "Prof.", "Professor",
    "Sir", "Dame", "Lord", "Lady", "Baroness", "Baron", "Count", "Countess",
    "President", "President-elect", "Vice President", "Vice-President", "Prime Minister",
    "Deputy Prime Minister", "First Minister", "Chief Minister", "Minister", "Deputy Minister",
    "Secretary of State", "Secretary-General", "Secretary General", "Secretary",
    "Under Secretary", "Undersecretary", "Chancellor", "Vice Chancellor",
    "Senator", "Sen.", "Representative", "Rep.", "Congressman", "Congresswoman",
    "Assemblyman", "Assemblywoman", "Governor", "Gov.", "Lieutenant Governor", "Lt. Gov.",
    "Mayor", "Deputy Mayor", "Judge", "Justice", "Chief Justice", "Magistrate",
    "Ambassador", "Amb.", "Speaker", "Deputy Speaker", "Chairman", "Chairwoman", "Chair",
    "Vice Chair", "Vice Chairman", "Chief Executive", "Chief Executive Officer", "CEO",
    "Majority Leader", "Minority Leader", "Opposition Leader", "Leader", "Whip",
    "Majority Whip", "Minority Whip",
    "PM", "Chairperson", "Commissioner", "Director", "Administrator", "Deputy Administrator",
    "Director-General", "Director General",
    "Attorney General", "Attorney-General", "Solicitor General", "Inspector", "Detective",
    "Det.", "Superintendent", "Supt.", "Chief Inspector", "Constable", "Officer", "Sheriff",
    "Coach", "Head Coach", "Manager", "Substitute", "Defender", "Midfielder", "Striker",
    "Goalkeeper", "Winger",
    # royal and religious
    "King", "Queen", "Prince", "Princess", "Crown Prince", "Emir", "Amir", "Sultan", "Sheikh",
    "Sheikha", "Shaikh", "Sheik", "Shaykh", "Ayatollah", "Grand Ayatollah", "Hojatoleslam",
    "Hojjatoleslam", "Imam", "Mullah", "Mawlawi", "Maulana", "Mufti", "Grand Mufti", "Haj",
    "Hajj", "Hajji", "Pope", "Cardinal", "Archbishop", "Bishop", "Patriarch", "Rabbi",
    "Rev.", "Reverend", "Father", "Pastor",
]
#: Cabinet portfolios written before "Minister" / "Secretary" ("Foreign Minister").
PORTFOLIOS = (
    "Foreign|Defence|Defense|Interior|Finance|Economy|Economic|Health|Energy|Oil|Trade|Justice|"
    "Education|Agriculture|Labour|Labor|Transport|Environment|Culture|Information|Home|"
    "Treasury|War|State|Industry|Housing|Communications|Tourism|Water|Electricity|Planning|"
    "Security|Immigration|Sports?|Youth|Digital|Science|Development|Commerce|Petroleum|"
    "Public Security|Foreign Affairs|Internal Affairs|Social Affairs"
)
_TITLE_ALT = "|".join(
    sorted((re.escape(t).replace(r"\ ", r"\s+") for t in TITLE_WORDS), key=len, reverse=True)
)
_PORTFOLIO_TITLE = (rf"(?:(?:Deputy|Acting|Former|Interim)\s+)?(?:{PORTFOLIOS})\s+"
                    r"(?:Minister|Secretary)")
_ONE_TITLE = rf"(?:{_PORTFOLIO_TITLE}|{_TITLE_ALT})"
#: A run of titles ("Brig. Gen.", "Kenyan Prime Minister" minus the adjective) at a name's start.
LEADING_TITLES = re.compile(rf"(?P<title>{_ONE_TITLE}(?:\s+{_ONE_TITLE})*)\s+(?=\S)", re.I)
#: The same, ending right before a name: searched in the text just before a mention.
TRAILING_TITLES = re.compile(rf"(?<![\w.])(?P<title>{_ONE_TITLE}(?:\s+{_ONE_TITLE})*)\s+$", re.I)

#: Titles that are also ordinary words at the start of organisation names ("General Motors").
WEAK_TITLES = frozenset({"general", "major", "private", "count", "commander", "officer",
                         "leader", "whip",
                         "father", "manager", "director",
                         "justice", "secretary", "lord", "lady", "speaker", "king", "queen",
                         "prince", "princess", "sultan", "emir", "amir", "captain",
                         "substitute", "defender", "midfielder", "striker", "goalkeeper",
                         "winger"})


#: A title behind the body it belongs to, before a name of two words or more: "Bank Chair
#: John Doe", "Acme CEO Jane Roe" (the organisation is part of the title).
OWNED_TITLE = re.compile(rf"(?P<title>(?:[A-Z][\w&.'’-]*\s+){{1,3}}?{_ONE_TITLE})\s+"
                         r"(?=[A-Z][\w.'’-]*\s+[A-Z])")


def strip_title(name: str) -> tuple[str | None, str]:
    """(title, rest) of a name: "Brig. Gen. Jane Roe" -> ("Brig. Gen.", "Jane Roe")."""
    m = LEADING_TITLES.match(name)
    owned = OWNED_TITLE.match(name)
    if owned and (m is None or m.group("title").lower() in WEAK_TITLES):
        m = owned  # "General Motors Chairman Mary Barra": "General" is the company's
    if not m:
        return None, name
    return _SPACE.sub(" ", m.group("title")), name[m.end():]


def title_at(text: str, pos: int) -> bool:
    """Does a title start at text[pos] (followed by more words)?"""
    return LEADING_TITLES.match(text, pos) is not None


#: The last word of every title, lower case without dots: a quick test before the regex.
TITLE_ENDS = frozenset(t.split()[-1].lower().rstrip(".") for t in TITLE_WORDS) | {
    "minister", "secretary"}
_LAST_WORD = re.compile(r"([\w.-]+)\s+$")


def title_before(text: str, start: int, window: int = 60) -> tuple[str, int] | None:
    """The title written right before text[start] and where it starts, if any."""
    lo = max(0, start - window)
    last = _LAST_WORD.search(text, max(lo, start - 30), start)
    if last is None or last.group(1).lower().rstrip(".") not in TITLE_ENDS:
        return None
    m = TRAILING_TITLES.search(text, lo, start)
    if not m or m.end() != start:
        return None
    return _SPACE.sub(" ", m.group("title")), m.start()


_TITLE_SET = frozenset(t.lower() for t in TITLE_WORDS)


def is_title_word(word: str) -> bool:
    """Is word a title on its own ("General", "President", "Brig" of "Brig.")?"""
    low = word.lower()
    return low in _TITLE_SET or (low + ".") in _TITLE_SET


def is_weak_title(title: str) -> bool:
    """A one-word title that is also a common word ("General", "Major")."""
    return title.lower() in WEAK_TITLES


# --- acronyms and initials -------------------------------------------------------------------

_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&]{1,7}$|^(?:[A-Z]\.){1,}[A-Z]$")
_MIXED_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{1,3}$")
#: Words left out of acronyms ("Organization of the Petroleum Exporting Countries").
_ACRONYM_SKIP = frozenset({"of", "the", "for", "and", "de", "la", "le", "des", "du", "del",
                           "al", "el", "wal", "on", "in", "to", "at", "a", "an", "&", "y", "et",
                           "und", "der", "die", "das", "di", "da"})
_WORD_SPLIT = re.compile(r"[\s\-]+")


def is_acronym(surface: str) -> bool:
    """"IRGC", "U.S.", "G7", "BoE": capitals (and digits), 2 to 8 characters."""
    s = surface.strip()
    if _ACRONYM.match(s):
        return True
    return bool(_MIXED_ACRONYM.match(s)) and sum(c.isupper() for c in s) >= 2


def acronym_letters(surface: str) -> str:
    return re.sub(r"[^A-Za-z0-9&]", "", surface).upper()


def initials(name: str) -> tuple[str, str]:
    """(initials of the significant words, initials of every word) of a multi-word name."""
    words = [w.strip(_APOSTROPHES + ".,") for w in _WORD_SPLIT.split(name) if w]
    words = [w for w in words if w]
    every = "".join(w[0] for w in words).upper()
    significant = "".join(w[0] for w in words if w.lower() not in _ACRONYM_SKIP).upper()
    return significant, every


def acronym_matches(acronym: str, name: str, loose: bool = False) -> bool:
    """Is acronym the initials of name ("FEMA", "Federal Emergency Management Agency")?

    ``loose`` (for an acronym given in parentheses right after the name) also accepts an
    acronym that drops trailing or minor words ("ACLED" for "Armed Conflict Location and
    Event Data Project").
    """
    letters = acronym_letters(acronym)
    if len(letters) < 2 or len(_WORD_SPLIT.split(name.strip())) < 2:
        return False
    significant, every = initials(name)
    if letters in (significant, every):
        return True
    if not loose or letters[0] != every[0]:
        return False
    if len(letters) >= 3 and (significant.startswith(letters) or every.startswith(letters)):
        return True
    it = iter(every)
    return all(c in it for c in letters) and len(letters) >= len(significant) - 1


# --- transliteration-aware match keys ---------------------------------------------------------

#: Arabic definite-article forms: "al"/"el" are dropped anywhere, the assimilated forms
#: (ash-Sham, ad-Din) only when hyphenated to the next word.
_ARTICLES_ANYWHERE = frozenset({"al", "el"})
_ARTICLES_HYPHENATED = frozenset({"al", "el", "as", "ad", "an", "ar", "ash", "at", "az", "ath",
                                  "adh", "ul", "ud", "un", "ur", "us", "uz", "ush", "ut", "es",
                                  "ed", "er", "en", "et", "ez"})
#: "Abdel", "Abdul", "Abdol", "Abd" are one word ("servant of").
_ABD = frozenset({"abd", "abdel", "abdul", "abdal", "abdol", "abdoul", "abdil"})
_TOKEN_EQUIV = {"ibn": "bin"}
_VOWELS = frozenset("aeiouy")
_DIGRAPHS = [("tch", "C"), ("sch", "S"), ("ch", "C"), ("sh", "S"), ("kh", "X"), ("gh", "k"),
             ("ph", "f"), ("th", "t"), ("dh", "z"), ("zh", "Z"), ("ck", "k"), ("q", "k"),
             ("x", "ks")]
_SOFT_C = re.compile(r"c(?=[eiy])")
_NON_WORD = re.compile(r"[^a-z0-9\s\-]")
_RUNS = re.compile(r"[aeiouy]+|[^aeiouy]+")


#: Letters that Unicode does not decompose into a base letter and a mark.
_LETTERS = str.maketrans({"đ": "dj", "Đ": "Dj", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L",
                          "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
                          "ß": "ss", "ı": "i", "þ": "th", "Þ": "Th", "ħ": "h", "Ħ": "H"})


def plain(text: str) -> str:
    """Lowercase ASCII letters, digits, spaces and hyphens: diacritics and apostrophes gone."""
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOS.sub("", text.lower())
    text = _HYPHEN.sub("-", text)
    text = text.replace(".", "")
    return _NON_WORD.sub(" ", text)


def without_initials(words: list[str]) -> tuple[str, ...]:
    """A person's name words without the initials between its first and last words
    ("Jane Q. Roe" -> jane roe)."""
    return tuple(w for n, w in enumerate(words) if n in (0, len(words) - 1) or len(w) > 1)


def name_words(name: str) -> list[str]:
    """The words of a name that carry identity: plain, without Arabic articles."""
    words: list[str] = []
    for part in plain(name).split():
        pieces = [p for p in part.split("-") if p]
        if len(pieces) > 1 and pieces[0] in _ARTICLES_HYPHENATED:
            pieces = pieces[1:]
        words.extend(pieces)
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLES_ANYWHERE] or words
    out = []
    for w in words:
        if w in _ABD:
            w = "abd"
        elif len(w) > 7 and w[:5] in _ABD:
            out.append("abd")  # "Abdulhamid" = "Abdul Hamid"
            w = w[5:]
        out.append(_TOKEN_EQUIV.get(w, w))
    return out


def _vowel_class(run: str, first: bool) -> str:
    if first and run in ("ei", "ey"):
        return "ai"
    run = run.replace("e", "i").replace("o", "u").replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", run)


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The match key of one plain word: consonant skeleton with its first and last vowel."""
    if not word or any(c.isdigit() for c in word):
        return word
    w = word
    if w.startswith(("yev", "yel", "yek", "yeg", "yes", "yef")) and len(w) > 4:
        w = w[1:]  # Yevgeny / Evgeny, Yelena / Elena, Yekaterina / Ekaterina
    elif w.startswith("ju"):
        w = "y" + w[1:]  # Yulia / Julia, Yuri / Juri
    if w.endswith("off"):
        w = w[:-3] + "ov"  # Rachmaninoff / Rachmaninov
    if len(w) > 2 and w[-1] == "h" and w[-2] in _VOWELS:
        w = w[:-1]  # Fallujah / Falluja, Nasrallah / Nasrulla
    w = _SOFT_C.sub("s", w)
    for src, dst in _DIGRAPHS:
        w = w.replace(src, dst)
    w = w.replace("c", "k")
    runs = _RUNS.findall(w)
    # "y" opens a word as a consonant ("Yusuf"), elsewhere it is a vowel ("Lynn").
    if runs and runs[0][0] == "y" and len(runs[0]) > 1:
        runs = ["y", runs[0][1:], *runs[1:]]
    out = []
    seen_vowel = False
    last = len(runs) - 1
    for i, run in enumerate(runs):
        if run == "y" and i == 0 and last > 0:
            out.append("y")
        elif run[0] in _VOWELS:
            if not seen_vowel:
                nxt = runs[i + 1] if i < last else ""
                # e before h is a short a in Arabic and Persian names: Yehya / Yahya
                out.append("a" if run == "e" and nxt.startswith("h") else
                           _vowel_class(run, True))
                seen_vowel = True
            elif i == last:
                out.append(_vowel_class(run, False))
            else:
                out.append(".")
        else:
            out.append(re.sub(r"(.)\1+", r"\1", run))
    return "".join(out)


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """A key equal for transliteration variants of one name: "Valery Zaluzhny" and
    "Valerii Zaluzhnyi"."""
    return " ".join(word_key(w) for w in name_words(name))


def key_words(name: str) -> tuple[str, ...]:
    """The match keys of a name's words, in order."""
    key = match_key(name)
    return tuple(key.split()) if key else ()


def is_part_of_name(part: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Is part (match-key words) a short form of the person name full: the surname, the last
    words ("López Obrador"), or the first and last names ("Recep Erdogan")?"""
    if not part or len(part) >= len(full):
        return False
    if full[-len(part):] == part:
        return True
    if len(part) == 1 or part[0] != full[0] or part[-1] != full[-1]:
        return False
    it = iter(full)
    return all(w in it for w in part)


#: Legal-form words at the end of company names, and the generic "Party" / "Movement":
#: "Tesla Inc" is "Tesla", "the Telugu Desam Party" is "Telugu Desam".
LEGAL_SUFFIXES = frozenset({"inc", "incorporated", "ltd", "limited", "llc", "plc", "corp",
                            "corporation", "co", "sa", "ag", "gmbh", "nv", "bv", "spa", "se",
                            "holdings", "group", "industries", "company", "party", "movement"})
_LEGAL_KEYS = frozenset(word_key(w) for w in LEGAL_SUFFIXES)


def org_core_key(key: str) -> str:
    """An organisation's match key without legal-form words at its end."""
    words = key.split()
    while len(words) > 1 and words[-1] in _LEGAL_KEYS:
        words.pop()
    return " ".join(words)


#: Arabic generic nouns that open an organisation's name before the article al-: "Harakat
#: al-X" (the X movement), "Jabhat al-X" (the X front), "Jaish al-X" (the X army). The
#: name without them is what other reports call it.
ARABIC_ORG_NOUNS = frozenset({"harakat", "haraka", "harakah", "hizb", "jaish", "jaysh",
                              "jabhat", "jabha", "jabhah", "liwa", "saraya", "tanzim",
                              "majlis", "jamaat", "jama'at", "jamaah", "ansar", "alwiya",
                              "faylaq", "firqat", "tajammu", "tayyar", "itilaf"})
_ARABIC_ORG = re.compile(r"^(?P<noun>[A-Za-z']+)\s+(?=(?:al|el|ul|an|ar|as|ash|at|ad|az)-\w)",
                         re.IGNORECASE)


def arabic_org_core(name: str) -> str | None:
    """ "Harakat al-X" -> "al-X": the name without its generic Arabic noun."""
    m = _ARABIC_ORG.match(name)
    if m is None or m.group("noun").lower() not in ARABIC_ORG_NOUNS:
        return None
    return name[m.end():]


def names_match(a: str, b: str) -> bool:
    """Are a and b spellings of the same name?"""
    ka = match_key(a)
    return bool(ka) and ka == match_key(b)


# --- given names ------------------------------------------------------------------------------

#: Common given names across languages, as general knowledge that a capitalised pair such as
#: "Andreas Thorkildsen" names a person. Names that are also common place or company names
#: (Georgia, Victoria, Paris, Austin, Chelsea, Florence, Houston, London, Madison, Logan,
#: Jackson, Kennedy, Harper, Avery, Marine, ...) and names that are common words or brands
#: (Rose, Ruby, Ivy, Faith, Summer, Park, Moon, Genesis, Sienna, ...) are left out.
GIVEN_NAMES = frozenset("""
aaliyah aaron abdallah abdel abdi abdirahman abdul abdullah abel abigail abubakar adalyn adam
addison adel adeline adnan adrian agnes ahmad ahmed ahmet aiden aisha akira akua alain alaina
alan albert alberto alejandro aleksandr alessandro alex alexa alexander alexandra alexandre
alexei alexey alexis alfred ali alice alicia alina alison aliyah aliyu allison alyssa amadou
amal amanda amara amber amelia amin amina aminata amir amit amos amy ana anand anastasia anders
andre andrea andreas andrei andres andrew andrey andriy andrzej angela angelo anita ann anna
annabelle annalena anne annie anthony antoine antonio anwar arash ari ariana arianna ariel
arjun arnold arshad arthur arturo arvind ashley ashok ashraf asif aslan assad atef aubrey
audrey aung avi ayesha ayman aziz barbara bashar beatriz bella ben benjamin benny benoit
bernard bernardo bernie bertrand betty beverly bilal bill billy bobby bola boris brad brandon
brenda brian brianna brittany bruce bruno bryan caleb callie camila carl carla carlo carlos
carmen carol caroline carolyn catherine cecilia cesar chandrababu chang charles charlie
charlotte cheikh chen cheryl chidi chinedu chloe chris christian christina christine christoph
christopher claire clara claude claudia colin connor cora craig cristina cynthia cyril dan dani
daniel daniela danielle daria dario dave david dawit deanne deborah debra delilah denis denise
dennis diana diane didier diego dilma dimitri dmitri dmitry dominic donald donna doris dorothy
doug douglas dwayne dylan ebrahim eddie edgar edouard eduardo edward ehud eleanor elena eli
eliana elias elif elijah elisabeth eliza elizabeth ella ellen ellie eloise elon emeka emilia
emily emma emmanuel enrique eric erik ernesto esther ethan eugene eva evelyn evgeny fabien
fabio fahad faisal farah farid fatima fatma fatou fatuma felipe felix fernando filippo
florentino frances francesca francesco francis francisco francois frank franz frederic
frederick friedrich fumio gabriel gabriela gabriella gareth gary gaurav gautam george gerald
gerhard gianna gianni gilbert giorgia giorgio giovanni giuseppe gloria gonzalo gordon grace
graham grayson greg gregory guillermo gustavo hailey hakan hamed hamid hamza hana hannah hans
harold harry hasan hassan heather hector heinrich helen helena helmut henri henry hiroshi
hisham hossein hugo hussein ian ibrahim ibrahima idris idriss ignacio igor ilham imran ines
ingrid irene isaac isabel isabella isabelle issa itamar ivan jacek jack jacob jacqueline
jacques jaime jake jamal james jamie jan jane janet janice jasmine jason javier jayden jean
jean-claude jean-luc jean-marc jean-pierre jeff jeffrey jennifer jens jeremy jerome jerry jesse
jessica jesus jim jimmy joachim joan joao joaquin joe johan johann john jonathan jorge jose
josef joseph josephine josh joshua josie joyce juan judith judy julia julian juliana julie
julien juliette julio jurgen justin kamal kamala karen karim karin karl karol kate katherine
kathleen kathryn kayla kaylee kazuo keir keith kelly kemal ken kenji kenneth kevin khaled
khalid khalifa khloe kim kimberly kiril kirill klaus kofi kostas krishna kristina kurt kwabena
kwame kyle kylian kylie lamine larry lars laura lauren laurent lawrence layla leah lee leila
leo leon leonardo liam liliana lillian linda lisa liu lorenzo louis luca lucas lucia lucy luis
luiz luka lukas luke lydia mackenzie madeline madelyn magnus mahmoud majid malik mamadou mamata
manuel marc marcel marco marcus margaret maria mariam marie marilyn marina mario mark markus
marta martha martin mary maryam masoud matt matteo matthew matthias maurice mauricio max maxim
maxime maya megan mehmet melanie melissa mevlut mia michael michel michelle miguel mike mikhail
mila min mirza mohamad mohamed mohammad mohammed mohsen molly monica moshe moussa muhammad
mustafa nabil nadia naftali naim nancy naomi narendra naresh nasser natalia natalie nathan
nawaz neeraj nelson ngozi nicholas nick nicola nicolas nicole nikolai nina nitish noah nora
norah novak nuri olaf oleg oleksandr oleksiy olena olga oliver olivia olivier olusegun
oluwaseun omar oscar osman otto ousmane owen pablo pamela paolo patricia patrick paul paula
paulo pavel pedro pekka penelope per peter petr petro philip philippe pierre pilar piotr pooja
priya priyanka rachel rafael rahul raja rajesh ralph ramon randy rania raul ravi raymond
rebecca recep reza ricardo richard rishi rita rob robert roberto rodrigo roger roman ron ronald
rosa roy ruslan russell rustem ruth ryan sadie said salah salim salma salman sam samantha sami
samir samuel sandra sanjay santiago sara sarah scott sean sebastian segolene selim serge sergei
sergey sergio sharon shehbaz shinzo shirley shlomo simon sofia sonia sophia sophie stefan
stefano stephanie stephen steve steven sunil susan svetlana tamar tanya tariq tatiana teresa
theresa thierry thomas tim timothy tom tomas tommy tony travis tyler umar uri ursula valentina
valeria valerie valerii valery vanessa vasily vera victor viktor vincent vitali vivian vladimir
volodymyr walid walter wang wayne wei william willie wolfgang wyatt xavier xi ximena xochitl
yahya yair yaser yasmin yasser yaw yevgeny yoav yoon yosef youssef yuki yulia yuri yusuf
zachary zainab zhang zoe zoey
""".split())
GIVEN_KEYS = frozenset(word_key(n) for n in GIVEN_NAMES)


def starts_with_given_name(name: str) -> bool:
    """Does the name open with a common given name ("Andreas Thorkildsen")?"""
    words = name_words(name)
    return len(words) >= 2 and word_key(words[0]) in GIVEN_KEYS


# --- rewordings of one name -------------------------------------------------------------------

#: Country codes that open an institution's name in some reports and not in others ("US
#: Maritime Safety Board" / "Maritime Safety Board"), after plain() ("U.S." -> "us").
_COUNTRY_PREFIXES = frozenset({"us", "uk", "eu", "un"})
#: Container words that close a name in some reports only ("Frontier Guard Corps" /
#: "the Frontier Guards").
_CONTAINER_HEADS = frozenset({"corps"})
#: Prepositions that vary inside a name ("Front in X" / "Front of X").
_NAME_PREPOSITIONS = {"in": "of", "for": "of"}


def _singular(word: str) -> str:
    """"guards" -> "guard", "americans" -> "american", "industries" -> "industry"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """A key equal for rewordings of one organisation, group or event name: plural and
    singular words ("Frontier Guards Corps" / "Frontier Guard Corps"), -isation / -ization,
    "International" before "Airport",
    a container word at the end ("... Guard Corps" / "... Guards"), a country code at the
    start ("US Maritime Safety Board"), "of" / "in" / "for" between words, and an inner "the".
    Only for names of one kind (the resolver compares it within a type class)."""
    words = [w.replace("isation", "ization") for w in name_words(name)]
    if len(words) > 2 and words[0] in _COUNTRY_PREFIXES:
        words = words[1:]
    if len(words) > 2 and words[-1] in _CONTAINER_HEADS:
        words = words[:-1]
    if len(words) > 2 and words[-1] == "airport":
        # "X International Airport" / "X airport", also misspelt ("Internatonal")
        words = [w for w in words[:-1] if not one_edit_apart(w, "international")] + ["airport"]
    words = [_NAME_PREPOSITIONS.get(w, w) for w in words if w != "the" or len(words) == 1]
    return " ".join(word_key(_singular(w)) for w in words)


def one_edit_apart(a: str, b: str) -> bool:
    """Are two words (plain, lower case) at most one substitution, insertion or deletion
    apart ("roch" / "rock", "internatonal" / "international")?"""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]
