"""Public benchmarks, scored as their papers score them: NewsQuant (quantities) and the
TempEval-3 AQUAINT newswire (TimeML dates). The data is in ../shared/benchmarks (README there).

NewsQuant (CQE, Almasian et al., EMNLP 2023). Each sentence becomes one article; factdb's
`counts` rows of that article are its predicted quantities. The scoring follows the CQE
evaluation script (evaluate_models.calculate_metrics) step by step: per sentence, each gold
quantity walks the predictions (both sorted by normalised unit); a value match (numpy.isclose
semantics, a gold "a-b" is a range) counts a correct value once per gold quantity and a
correct change for every value-matching prediction it meets (as the script does); a unit match
also counts, consumes that prediction and ends the walk. P = correct / predictions,
R = correct / gold. Where factdb has no field, the nearest one is used:
- value: `counts.value`, or `value_low..value_high` for a `range`; a change from one level to
  another ("fell from $2,415 to $2,315": `from_value`, then `value`) is CQE's "from-to" range
  2415-2315;
- change: from the qualifier when it is a bound or an approximation (about '~',
  more_than/at_least '>', less_than/at_most '<': "lost more than 60%" is '>'), else
  `counts.change` ('up'/'down', "rose by 3%") when set, else '=';
- unit: factdb's unit lemma mapped onto CQE's normalised unit names by `UNIT_NAMES` (general
  synonyms: percent -> percentage, person -> people, km -> kilometre, time -> count, level
  (no unit written) -> "-" ...), else itself; a
  currency of a money row by its CQE name (`MONEY_NAMES`: pound -> pound sterling); a rate as
  "<unit> per <per_unit>" (dollar per share); a count of a noun by its noun phrase
  (`unit_quote`) lemmatised without function words, as CQE names such units
  ("seven European countries" -> european country), its head noun as factdb lemmatised it
  in its sentence (spaCy alone on "league games" reads a verb); an age (`quantity_kind`
  age) as CQE's "year of age"; a fraction (`quantity_kind` fraction, value the proportion,
  as CQE writes 0.3333333333333333) as CQE's "% <noun of the whole>" ("half the condos":
  "% condo"), "% -" when the whole is a pronoun or a clause.

AQUAINT (TempEval-3 task A, as its scorer does for the value attribute). Each .tml's <TEXT>
(tags removed) is an article published on the <DCT> day. Gold: TIMEX3 of type DATE. A
prediction is a `dates` row; spans match when they overlap (relaxed) or coincide (strict).
Value P = predictions with a relaxed match and an equal value / predictions; R = the same /
gold DATEs. factdb's value is written as TimeML: day YYYY-MM-DD, week YYYY-Www, month YYYY-MM,
year YYYY (a range has no single TimeML value and never matches; a range whose ends are rows
of their own, expression_type endpoint, is scored by its ends, as TimeML tags them).
Predictions that overlap a gold TIMEX3 of another type (TIME, DURATION, SET) are left out of
precision, and so are factdb's duration rows (a TIMEX3 of type DURATION): the benchmark scores
DATEs only. factdb stores dates of headline and body sentences only, and a text once: a
document whose text repeats another's is scored on that article's rows.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

#: factdb unit lemma -> CQE normalised unit, for units that differ only by name
UNIT_NAMES = {
    "percent": "percentage", "per cent": "percentage", "%": "percentage", "pct": "percentage",
    "percentage point": "percentage point",
    "person": "people", "$": "dollar", "usd": "dollar", "us$": "dollar",
    "km": "kilometre", "kilometer": "kilometre", "m": "metre", "meter": "metre",
    "kg": "kilogram", "lb": "pound-mass", "mph": "mile per hour", "°f": "fahrenheit",
    "°c": "celsius", "yr": "year", "gb": "gigabyte", "mb": "megabyte", "tb": "terabyte",
    "kw": "kilowatt", "mw": "megawatt", "hp": "horsepower", "mpg": "mile per gallon",
    "hz": "hertz", "ghz": "gigahertz", "cm": "centimetre", "mm": "millimetre",
    "ft": "foot", "feet": "foot", "liter": "litre", "millimeter": "millimetre",
    "centimeter": "centimetre", "gigatonne": "gigaton", "μm": "micrometre",
    "ppb": "parts-per-billion", "mah": "milliampere-hour", "mbps": "megabit per second",
    "mg": "milligram", "bhp": "brake horsepower", "ml": "millilitre",
    "degree celsius": "celsius", "degree fahrenheit": "fahrenheit",
    # factdb's unit of a level with no unit written ("fell 0.4 per cent to 13,176"): CQE's
    # "-" (no unit)
    "level": "-",
    # a tally ("more than 3200 times") is CQE's "count"; "p" after a number is CQE's "point"
    "time": "count", "p": "point",
    # a pound that is not money is a weight (a money row is named by MONEY_NAMES first);
    # "ksi" is kilopounds per square inch
    "pound": "pound-mass", "ksi": "kilopound per square inch", "lb-ft": "foot pound-force",
    "metric horsepower": "horsepower",
}
#: currency nouns of money rows -> CQE's names of the currency ("£5" is pound sterling; a
#: "pound" that is not money is a weight)
MONEY_NAMES = {"pound": "pound sterling", "yen": "japanese yen", "rupee": "indian rupee",
               "yuan": "chinese yuan", "ringgit": "malaysian ringgit", "shekel": "shekel"}
CHANGE = {"exact": "=", "none": "=", "about": "~", "more_than": ">", "at_least": ">",
          "less_than": "<", "at_most": "<"}

CQE_PUBLISHED = {"value": 92.0, "value+unit": 85.6, "value+change": 88.1}
HEIDELTIME_PUBLISHED = {"value": 78.0}


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    correct: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def prf(self, kind: str) -> tuple[float, float, float]:
        c = self.correct.get(kind, 0)
        p = c / self.predicted if self.predicted else 0.0
        r = c / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _load(paths: list[Path], db_path: Path) -> Any:
    from factdb import db
    from factdb.load import load
    from factdb.settings import Settings

    load([str(p) for p in paths], Settings(db_path=str(db_path)))
    return db.connect(db_path, read_only=True)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


# --- NewsQuant --------------------------------------------------------------------------------

def _cqe_value(raw: Any) -> float | tuple[float, float]:
    s = str(raw)
    if "E" not in s and not s.startswith("-") and "-" in s:
        a, b = s.split("-")[:2]
        return float(a), float(b)
    return float(s)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-08 + 1e-05 * abs(b)


def _values_match(gold: float | tuple[float, float], model: float | tuple[float, float]) -> bool:
    if isinstance(gold, tuple) and isinstance(model, tuple):
        return _close(gold[0], model[0]) and _close(gold[1], model[1])
    if isinstance(gold, tuple) or isinstance(model, tuple):
        return False
    return _close(gold, model)


#: words CQE leaves out of a unit that is a noun phrase ("Kia and Hyundai vehicles" is
#: "kia hyundai vehicle")
FUNCTION_WORDS = frozenset({"and", "or", "of", "the", "a", "an", "'s", "’s"})
_NLP: list[Any] = []


def cqe_noun_unit(written: str, unit: str | None = None) -> str:
    """CQE names a unit that is a counted noun by its noun phrase, lemmatised, without
    function words ("seven European countries" -> european country, "two smaller tenancies"
    -> small tenancy), a hyphenated word kept whole ("two gas-only powertrain options" ->
    gas-only powertrain option, as the gold writes "coal-fired power plant"); factdb's `unit`
    keeps the head only and `unit_quote` the phrase."""
    if not _NLP:
        from factdb.nlp import load_model
        from factdb.settings import Settings

        _NLP.append(load_model(Settings().spacy_models))
    words: list[str] = []
    joined = False  # CQE writes a hyphenated word as one ("gas-only powertrain option")
    for t in _NLP[0](written):
        if t.text == "-" and words and not t.whitespace_ and not t.nbor(-1).whitespace_:
            words[-1] += "-"
            joined = True
        elif t.lower_ not in FUNCTION_WORDS and not t.is_punct:
            word = t.lower_ if joined else t.lemma_.lower()
            words[-1:] = [words[-1] + word] if joined else [*words[-1:], word]
            joined = False
    head = (unit or "").split()[-1:]
    if words and head and head[0].isalpha() and words[-1] != head[0]:
        words[-1] = head[0]  # the head noun as factdb lemmatised it in its sentence
    return " ".join(words)


def cqe_unit(unit: str | None, kind: str | None = None, per: str | None = None) -> str:
    """CQE's name of a unit; a rate is "<unit> per <unit>" ("dollar per share")."""
    u = (unit or "-").strip().lower().replace("_", " ")
    if kind == "age":  # "a 68-year-old", "Maddon, 66,": CQE's "year of age"
        return "year of age"
    if kind == "money" and u in MONEY_NAMES:
        name = MONEY_NAMES[u]
    else:
        name = UNIT_NAMES.get(u, u)
    return f"{name} per {UNIT_NAMES.get(per, per)}" if per else name


def cqe_change(qualifier: str | None, change: str | None) -> str:
    """CQE's one `change` field: a bound or an approximation is written as such ("lost more
    than 60%" is '>', "losing about 127 gigatonnes" '~'); else up/down for the size of a
    change ("rose 3%"), else '='."""
    if qualifier in ("about", "more_than", "at_least", "less_than", "at_most"):
        return CHANGE[qualifier]
    return change or CHANGE.get(qualifier or "", "=")


def score_cqe(items: list[tuple[str, list[dict[str, Any]], list[dict[str, Any]]]]) -> Counts:
    """CQE's calculate_metrics over (sentence, gold quantities, predicted quantities); each
    quantity a dict with value, normalized_unit and change."""
    out = Counts(correct={"value": 0, "value+unit": 0, "value+change": 0})
    for text, gold, tags in items:
        out.gold += len(gold)
        out.predicted += len(tags)
        out.problems += [f"missed {g['value']} {g['normalized_unit']!r} ({g['change']}): "
                         f"{text[:80]!r}" for g in gold
                         if not any(_values_match(_cqe_value(g["value"]), t["value"])
                                    for t in tags)]
        tags = sorted(tags, key=lambda d: d["normalized_unit"])
        remaining = len(gold)
        for g in sorted(gold, key=lambda d: d["normalized_unit"]):
            gv, gu = _cqe_value(g["value"]), g["normalized_unit"].lower()
            for t in list(tags):
                if not _values_match(gv, t["value"]):
                    continue
                if remaining > 0:
                    out.correct["value"] += 1
                    remaining -= 1
                if t["change"] == g["change"]:
                    out.correct["value+change"] += 1
                if t["normalized_unit"] == gu:
                    out.correct["value+unit"] += 1
                    tags.remove(t)
                    break
    return out


def newsquant(path: Path, workdir: Path, verbose: bool = False) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    texts = workdir / "newsquant"
    texts.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, item in enumerate(data):
        p = texts / f"nq-{i:04d}.txt"
        p.write_text(_normalise(item["text"]) + "\n", encoding="utf-8")
        paths.append(p)
    con = _load(paths, workdir / "newsquant.duckdb")
    try:
        by_file: dict[str, list[dict[str, Any]]] = {}
        for uri, value, low, high, qualifier, change, unit, kind, per, written, basis, \
                start in con.execute(
                "select a.source_uri, c.value, c.value_low, c.value_high, c.qualifier, "
                "c.change, c.unit, c.quantity_kind, c.per_unit, c.unit_quote, c.unit_basis, "
                "c.from_value from counts c join articles a using (article_id)"
        ).fetchall():
            if kind == "fraction":  # CQE: "% condo", "% digital physical sale", "% -"
                name = "% " + (cqe_noun_unit(written, unit) if written else "-")
            else:
                name = cqe_noun_unit(written, unit) if kind == "count" and basis == "noun" \
                    and written and len(written.split()) > 1 else cqe_unit(unit, kind, per)
            by_file.setdefault(Path(uri).name, []).append(
                {"value": (float(low), float(high)) if qualifier == "range"
                 and low is not None and high is not None
                 else (float(start), float(value)) if start is not None else float(value),
                 "change": cqe_change(qualifier, change),
                 "normalized_unit": name})
    finally:
        con.close()
    items = [(item["text"], item["quantities"], by_file.get(f"nq-{i:04d}.txt", []))
             for i, item in enumerate(data)]
    counts = score_cqe(items)
    return {"benchmark": "newsquant", "sentences": len(data), "counts": counts,
            "verbose": verbose}


# --- TimeML -------------------------------------------------------------------------------------

@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


def _week(value: str) -> str:
    """A TimeML week with its number written in two digits (the corpus writes both
    1998-W32 and 2000-W8 for weeks)."""
    m = re.fullmatch(r"(\d{4})-W(\d)", value)
    return f"{m.group(1)}-W0{m.group(2)}" if m else value


def read_timeml(path: Path) -> tuple[str, date, list[Timex]]:
    """The <TEXT> without tags, the creation date and the TIMEX3 spans in that text."""
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    dct = root.find("DCT/TIMEX3")
    if dct is None or not dct.get("value"):
        raise ValueError(f"{path}: no DCT")
    created = date.fromisoformat(dct.get("value", "")[:10])
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(el: ET.Element) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                end = sum(map(len, parts))
                timexes.append(Timex(start, end, child.get("type", ""),
                                     _week(child.get("value", "")), "".join(parts)[start:end]))
            if child.tail:
                parts.append(child.tail)

    walk(body)
    raw = "".join(parts)
    text = _normalise(raw)
    shift = len(raw) - len(raw.lstrip())
    if unicodedata.normalize("NFC", raw) != raw:
        raise ValueError(f"{path}: text changes under NFC; offsets would drift")
    for t in timexes:
        t.start -= shift
        t.end -= shift
    return text, created, timexes


def timeml_value(start: date | None, end: date | None, granularity: str | None) -> str | None:
    if start is None:
        return None
    if granularity == "day":
        return start.isoformat()
    if granularity == "month":
        return f"{start:%Y-%m}"
    if granularity == "year":
        return f"{start:%Y}"
    if granularity == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return None


def score_timeml(docs: list[tuple[str, list[Timex], list[tuple[int, int, str | None, str]]]]
                 ) -> Counts:
    """docs: (name, gold timexes, predictions as (start, end, TimeML value, quote))."""
    out = Counts(correct={"span_relaxed": 0, "span_strict": 0, "value": 0})
    for name, gold, predicted in docs:
        dates = [t for t in gold if t.type == "DATE"]
        others = [t for t in gold if t.type != "DATE"]
        out.gold += len(dates)
        used: set[int] = set()
        for t in dates:
            best = None
            for i, (s, e, _, _) in enumerate(predicted):
                overlap = min(e, t.end) - max(s, t.start)
                if i not in used and overlap > 0 and (best is None or overlap > best[0]):
                    best = (overlap, i)
            if best is None:
                out.problems.append(f"{name}: missed {t.text!r} ({t.value})")
                continue
            i = best[1]
            used.add(i)
            s, e, value, quote = predicted[i]
            out.correct["span_relaxed"] += 1
            out.correct["span_strict"] += (s, e) == (t.start, t.end)
            out.correct["value"] += value == t.value
            if value != t.value:
                out.problems.append(f"{name}: {quote!r} valued {value}, gold {t.value}")
        for i, (s, e, value, quote) in enumerate(predicted):
            if i in used:
                out.predicted += 1
            elif not any(min(e, t.end) - max(s, t.start) > 0 for t in others):
                out.predicted += 1
                out.problems.append(f"{name}: not a gold DATE: {quote!r} ({value})")
    return out


def aquaint(directory: Path, workdir: Path, verbose: bool = False) -> dict[str, Any]:
    texts = workdir / "aquaint"
    texts.mkdir(parents=True, exist_ok=True)
    gold: dict[str, tuple[str, list[Timex]]] = {}
    paths = []
    for tml in sorted(directory.glob("*.tml")):
        text, created, timexes = read_timeml(tml)
        p = texts / f"{tml.stem}.txt"
        p.write_text(f"---\npublished: {created.isoformat()}\n---\n{text}\n", encoding="utf-8")
        paths.append(p)
        gold[p.name] = (text, timexes)
    con = _load(paths, workdir / "aquaint.duckdb")
    docs: list[tuple[str, list[Timex], list[tuple[int, int, str | None, str]]]] = []
    try:
        stored = {Path(uri).name: (aid, t) for aid, uri, t in con.execute(
            "select article_id, source_uri, text from articles").fetchall()}
        # TempEval-3 scores every document of the set; factdb stores a text once (its id
        # is derived from the text), so a document whose text repeats another's (the corpus
        # has one re-sent story under a later DCT) is scored on the rows of that article
        by_text = {t: (aid, t) for aid, t in stored.values()}
        for name, (text, timexes) in gold.items():
            if name not in stored and text in by_text:
                stored[name] = by_text[text]
            if name not in stored:
                docs.append((name, timexes, []))
                continue
            aid, stored_text = stored[name]
            if stored_text != text:
                raise ValueError(f"{name}: factdb stored another text than was written")
            # factdb's own TimeML value (dates.timex) when it writes one; windows bounded
            # by an event ("since the bombing") are not dates and TimeML tags none
            # a duration row ("for three days", "24-hour") is a TIMEX3 of type DURATION,
            # not a DATE prediction: the benchmark scores DATEs only
            rows = con.execute("select char_start, char_end, value_start, value_end, "
                               "granularity, quote, timex, expression_type from dates "
                               "where article_id = ? "
                               "and not coalesce(event_window, false) "
                               "and coalesce(expression_type, '') <> 'duration'",
                               [aid]).fetchall()
            # a range whose ends are rows of their own ("between 1994 and 1997") is scored
            # by its ends, as TimeML tags them: the range itself is no TIMEX3
            ends = [(s, e) for s, e, *_, kind in rows if kind == "endpoint"]
            docs.append((name, timexes, [
                (s, e, x or timeml_value(a, b, g), q) for s, e, a, b, g, q, x, kind in rows
                if kind != "range" or not any(s <= s2 and e2 <= e for s2, e2 in ends)]))
    finally:
        con.close()
    return {"benchmark": "aquaint", "documents": len(gold), "counts": score_timeml(docs),
            "verbose": verbose}


# --- report -------------------------------------------------------------------------------------

def figures(result: dict[str, Any]) -> dict[str, float | None]:
    counts: Counts = result["counts"]
    out: dict[str, float | None] = {}
    for kind in counts.correct:
        p, r, f = counts.prf(kind)
        key = kind.replace("+", "_")
        out |= {f"{key}.precision": p, f"{key}.recall": r, f"{key}.f1": f}
    return out


def report_lines(name: str, result: dict[str, Any], verbose: bool = False) -> list[str]:
    counts: Counts = result["counts"]
    published = CQE_PUBLISHED if name == "newsquant" else HEIDELTIME_PUBLISHED
    who = "CQE" if name == "newsquant" else "HeidelTime"
    unit = "sentences" if name == "newsquant" else "documents"
    lines = [f"{result.get(unit.rstrip('s') + 's', '?')} {unit}, {counts.gold} gold, "
             f"{counts.predicted} predicted"]
    for kind in counts.correct:
        p, r, f = counts.prf(kind)
        ref = published.get(kind)
        lines.append(f"{kind:<13} P {p:.3f} R {r:.3f} F1 {f:.3f}"
                     + (f"   ({who} published F1 {ref / 100:.3f})" if ref else ""))
    if verbose:
        lines += ["  " + p for p in counts.problems]
    return lines
