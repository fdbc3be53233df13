"""Entity resolution across the whole database, recomputed on every load.

Input: every entity_mentions row, grouped by ``local_key`` (what the extractor found to
be one thing inside an article). Those units are linked across articles by:

1. the same transliteration key of their fullest name ("Valery Zaluzhny" = "Valerii Zaluzhnyi"),
   with the type decided by a weighted vote over every mention (rules outweigh the model);
   a person named with three parts or more also matches with a vowel dropped ("Dagalo" /
   "Daglo"), and an organisation named with a generic Arabic noun before al- matches its
   short name ("Harakat al-Shabaab" = "Shabaab", "the Shabaab movement");
2. for a short name, exactly one candidate elsewhere: a person's surname or first and last
   names of one full name, an acronym of one multi-word name, or a name another article
   gave as an alias ("X (Y)", "X, also known as Y"). Ambiguous short names stay apart, and
   organisation names never match on a part ("Democratic Party" is not "Democratic Unionist Party");
3. user judgements (``factdb.resolve.judgements``): splits hold throughout, merges and
   types are applied last, and each is recorded in entity_judgements.

The entities table is rebuilt and entity_mentions.entity_id rewritten. Entity ids are
"e" + sha1(type|key of the canonical name)[:12].
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb

from factdb import db
from factdb.lang.entity_types import (
    CONTEXT,
    HOMONYM_PLACES,
    LOOSE_LABELS,
    MODEL,
    ORG_HEADS,
    STRONG,
    best_label,
    same_name_keys,
    source_weight,
    type_class,
)
from factdb.lang.names import (
    acronym_letters,
    initials,
    is_acronym,
    is_part_of_name,
    match_key,
    name_words,
    normalise,
    one_edit_apart,
    plain,
    without_initials,
)
from factdb.resolve import entity_blocks
from factdb.resolve import judgements as judged
from factdb.resolve.entity_recovery import recover_in_corpus
from factdb.resolve.judgements import Judgements, load_judgements
from factdb.resolve.unionfind import UnionFind
from factdb.runs import Run


@dataclass
class Unit:
    """The mentions of one thing inside one article (one local_key)."""

    local_key: str
    article_id: str
    mention_ids: list[str] = field(default_factory=list)
    #: the surface of each mention, parallel to mention_ids
    mention_surfaces: list[str] = field(default_factory=list)
    surfaces: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    strong: set[str] = field(default_factory=set)
    keys: dict[str, str] = field(default_factory=dict)
    #: the heaviest evidence behind any of the unit's labels
    evidence: int = 0

    @functools.cached_property
    def name_key(self) -> tuple[str, str]:
        """The unit's fullest name and its match key (once its mentions are added)."""
        name = canonical_name(self.surfaces, self.keys)
        return name, self.keys[name]

    def add(self, mention_id: str, surface: str, key: str, label: str, source: str) -> None:
        self.mention_ids.append(mention_id)
        self.mention_surfaces.append(surface)
        self.surfaces[surface] += 1
        self.keys.setdefault(surface, key)
        weight = source_weight(source)
        self.evidence = max(self.evidence, weight)
        self.votes[label] += weight
        if weight >= STRONG:
            self.strong.add(label)


@dataclass
class Cluster:
    units: list[Unit]
    surfaces: Counter[str]
    keys: dict[str, str]
    votes: Counter[str]
    strong: set[str]
    evidence: int = 0

    @property
    def type(self) -> str:
        return best_label(self.votes)

    @property
    def name(self) -> str:
        return canonical_name(self.surfaces, self.keys)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.keys[self.name].split())


def canonical_name(surfaces: Counter[str], keys: dict[str, str]) -> str:
    """The fullest well-attested form: most words, then most frequent, then the one written
    with diacritics, then alphabetical."""
    return min(surfaces, key=lambda s: (-len(keys.get(s, "").split()), -surfaces[s],
                                        s.isupper(), -sum(not c.isascii() for c in s), s))


# --- reading ---------------------------------------------------------------------------------

def read_units(con: duckdb.DuckDBPyConnection, where: str = "true") -> list[Unit]:
    """The units of the mentions ``where`` selects (SQL over entity_mentions; every one)."""
    rows = con.execute(f"""
        SELECT mention_id, article_id, coalesce(local_key, mention_id),
               coalesce(surface, quote), name_key, coalesce(mention_type, 'ORG'), label_source
        FROM entity_mentions WHERE {where}
        ORDER BY article_id, char_start, mention_id""").fetchall()
    units: dict[str, Unit] = {}
    for mention_id, article_id, local_key, surface, key, label, source in rows:
        unit = units.get(local_key)
        if unit is None:
            unit = units[local_key] = Unit(local_key, article_id)
        unit.add(mention_id, surface, key if key is not None else match_key(surface), label,
                 source or "model")
    return sorted(units.values(), key=lambda u: u.local_key)


# --- clustering ------------------------------------------------------------------------------

class Clusters(UnionFind[int]):
    """Union-find over units, refusing unions that a split judgement forbids."""

    def __init__(self, units: list[Unit], split: list[list[str]]) -> None:
        super().__init__(range(len(units)))
        self.units = units
        #: units that stay in their article (see _held)
        self.held: set[int] = _held(units)
        self.sides: list[set[tuple[int, int]]] = [set() for _ in units]
        splits = Splits(split)
        for i, u in enumerate(units):
            for surface, key in u.keys.items():
                for p in range(len(splits.pairs)):
                    side = splits.side(p, surface, key)
                    if side is not None:
                        self.sides[i].add((p, side))

    def allowed(self, root_a: int, root_b: int) -> bool:
        """False when the two clusters hold different sides of one split judgement."""
        a, b = self.sides[self.find(root_a)], self.sides[self.find(root_b)]
        return not any(p == q and s1 != s2 for p, s1 in a for q, s2 in b)

    def merged(self, root: int, child: int) -> None:
        self.sides[root] |= self.sides[child]

    def groups(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.units)):
            out[self.find(i)].append(i)
        return out

    def cluster(self, members: Iterable[int]) -> Cluster:
        surfaces: Counter[str] = Counter()
        keys: dict[str, str] = {}
        votes: Counter[str] = Counter()
        strong: set[str] = set()
        units = [self.units[i] for i in members]
        for u in units:
            surfaces.update(u.surfaces)
            keys.update(u.keys)
            votes.update(u.votes)
            strong |= u.strong
        return Cluster(units, surfaces, keys, votes, strong,
                       max((u.evidence for u in units), default=0))


class Splits:
    """The names of split judgements: a mention is on a side by its match key, or by its
    exact spelling when the names of a judgement share one key ("Gaddafi" / "Qaddafi")."""

    def __init__(self, split: list[list[str]]) -> None:
        self.pairs = []
        for names in split:
            keys = [match_key(n) for n in names]
            self.pairs.append(([normalise(n).lower() for n in names], keys,
                               len(set(keys)) == len(keys)))

    def side(self, p: int, surface: str, key: str) -> int | None:
        names, keys, distinct = self.pairs[p]
        if distinct:
            return keys.index(key) if key in keys else None
        low = normalise(surface).lower()
        return names.index(low) if low in names else None


def split_units(units: list[Unit], split: list[list[str]]) -> list[Unit]:
    """A unit holding names that a split judgement keeps apart is cut in parts."""
    if not split:
        return units
    splits = Splits(split)
    out = []
    for u in units:
        for p in range(len(splits.pairs)):
            if len({splits.side(p, s, k) for s, k in u.keys.items()} - {None}) > 1:
                out.extend(_cut(u, splits, p))
                break
        else:
            out.append(u)
    return out


def _cut(u: Unit, splits: Splits, p: int) -> list[Unit]:
    """Each side's mentions in a unit of their own; other mentions stay with the first."""
    parts: dict[int, Unit] = {}
    for mention_id, surface in zip(u.mention_ids, u.mention_surfaces, strict=True):
        k = u.keys[surface]
        side = splits.side(p, surface, k) or 0
        part = parts.get(side)
        if part is None:
            part = parts[side] = Unit(f"{u.local_key}#{side}", u.article_id)
        part.mention_ids.append(mention_id)
        part.mention_surfaces.append(surface)
        part.surfaces[surface] += 1
        part.keys.setdefault(surface, k)
    total = len(u.mention_ids)
    for part in parts.values():
        share = len(part.mention_ids) / total
        for label, w in u.votes.items():
            part.votes[label] += max(1, round(w * share))
        part.strong = set(u.strong)
        part.evidence = u.evidence
    return [parts[side] for side in sorted(parts)]


def link(units: list[Unit], judgements: Judgements,
         context: dict[str, set[str]] | None = None) -> Clusters:
    """Cluster units by key, then short names with one candidate; ``context``: the
    person and organisation names of the units' articles (by default, of ``units``)."""
    cl, candidates, _ = _same_names(units, judgements, context)
    _link_short_names(cl, candidates)
    return cl


def _same_names(units: list[Unit], judgements: Judgements, context: dict[str, set[str]] | None
                ) -> tuple[Clusters, dict[int, set[int]], dict[int, set[str]]]:
    """The clusters of units of one name, and what each short name can stand for and the
    keys it looked up (see _short_name_candidates)."""
    cl = Clusters(units, judgements.split)
    _link_same_name(cl, article_context(units) if context is None else context)
    return cl, *_short_name_candidates(cl)


def _unit_name(u: Unit) -> tuple[str, str]:
    return u.name_key


def article_context(units: list[Unit]) -> dict[str, set[str]]:
    """The names of the persons and organisations of each article (see _homonym_groups)."""
    context: dict[str, set[str]] = defaultdict(set)
    for u in units:
        if type_class(best_label(u.votes)) in ("PERSON", "ORG"):
            context[u.article_id].add(_unit_name(u)[1])
    return context


def blocks_of(units: list[Unit]) -> list[tuple[str, str, str, bool]]:
    """Each unit's block keys (entity_blocks rows: article, unit, key, looks); a place held
    in its article links to nothing (whole articles are given)."""
    held = _held(units)
    rows = []
    for i, u in enumerate(units):
        if i not in held:
            name, key = _unit_name(u)
            rows += [(u.article_id, u.local_key, b, looks) for b, looks in sorted(
                entity_blocks.unit_blocks(name, key, type_class(best_label(u.votes)), u.keys,
                                          u.article_id))]
    return rows


def _held(units: list[Unit]) -> set[int]:
    """Place names that open a team's name in the same article ("Riverton" beside "Riverton
    Falcons"): each mention may stand for the place or the team, so they are not linked
    to other articles."""
    orgs: dict[str, list[list[str]]] = defaultdict(list)
    for u in units:
        for surface, key in u.keys.items():
            if type_class(best_label(u.votes)) == "ORG" and len(key.split()) > 1:
                orgs[u.article_id].append(surface.split())
    held = set()
    for i, u in enumerate(units):
        if type_class(best_label(u.votes)) != "PLACE":
            continue
        for surface in u.keys:
            words = surface.split()
            for org in orgs.get(u.article_id, ()):
                rest = org[len(words):]
                if org[:len(words)] == words and len(rest) == 1 and rest[0].endswith("s") \
                        and rest[0][:1].isupper() and rest[0].lower() not in ORG_HEADS:
                    held.add(i)
    return held


def _homonym_groups(cl: Clusters, members: list[int],
                    context: dict[str, set[str]]) -> list[list[int]]:
    """Mentions of a place name shared by places of two kinds ("Georgia" the state and the
    country) are one place only across articles that share a person or organisation."""
    groups: list[list[int]] = []
    for i in members:
        own = context.get(cl.units[i].article_id, set())
        joined = [g for g in groups if any(
            cl.units[j].article_id == cl.units[i].article_id or
            own & context.get(cl.units[j].article_id, set()) for j in g)]
        merged = [i]
        for g in joined:
            merged.extend(g)
            groups.remove(g)
        groups.append(merged)
    return groups


def _link_same_name(cl: Clusters, context: dict[str, set[str]]) -> None:
    by_key: dict[str, list[int]] = defaultdict(list)
    persons: dict[tuple[int, str], list[tuple[int, list[str]]]] = defaultdict(list)
    homonyms: dict[str, list[int]] = defaultdict(list)
    initialled: dict[tuple[str, ...], list[tuple[int, list[str]]]] = defaultdict(list)
    for i, u in enumerate(cl.units):
        if i in cl.held:
            continue
        name, key = _unit_name(u)
        if type_class(best_label(u.votes)) == "PLACE" and plain(name) in HOMONYM_PLACES:
            homonyms[key].append(i)
            continue
        kind = type_class(best_label(u.votes))
        for k in same_name_keys(name, key, kind):
            by_key[k].append(i)
        words = key.split()
        if kind == "PERSON" and len(words) >= 3:
            persons[(len(words), words[-1])].append((i, name_words(name)))
        if kind == "PERSON" and len(words) >= 2:
            initialled[without_initials(name_words(name))].append((i, name_words(name)))
    groups = [g for members in homonyms.values() for g in _homonym_groups(cl, members, context)]
    for members in [*by_key.values(), *_misspelt_people(persons), *_middle_initials(initialled),
                    *groups]:
        if len(members) < 2:
            continue
        votes: Counter[str] = Counter()
        for i in members:
            votes.update(cl.units[i].votes)
        winner = type_class(best_label(votes))
        keep = [i for i in members if not _contradicts(cl.units[i].strong, winner)]
        roots: list[int] = []
        for i in keep:
            # join the first cluster of this name a split judgement allows, else start one
            if not any(cl.union(r, i) for r in roots):
                roots.append(i)


def _misspelt_people(persons: dict[tuple[int, str], list[tuple[int, list[str]]]]
                     ) -> list[list[int]]:
    """Pairs of full names of three words or more with one surname that differ in one word
    by one letter ("Jean Marc Olivier Dabire" / "Jean Marc Oliver Dabire")."""
    pairs = []
    for group in persons.values():
        for n, (i, a) in enumerate(group):
            for j, b in group[n + 1:]:
                if len(a) != len(b) or a == b:
                    continue
                diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
                if len(diff) == 1 and min(len(diff[0][0]), len(diff[0][1])) >= 4 and \
                        one_edit_apart(*diff[0]):
                    pairs.append([i, j])
    return pairs


def _middle_initials(initialled: dict[tuple[str, ...], list[tuple[int, list[str]]]]
                     ) -> list[list[int]]:
    """A full name with and without its middle initials ("Jane Q. Roe" / "Jane Roe"): one
    person when the names of that first and last word carry one set of initials at most
    (not "Jane Q. Roe" and "Jane T. Roe")."""
    out = []
    for bare, named in initialled.items():
        if len(bare) < 2 or len(named) < 2:
            continue
        spelt = {tuple(words) for _, words in named}
        if len(spelt) == 2 and bare in spelt:
            out.append([i for i, _ in named])
    return out


def _contradicts(strong: set[str], winner_class: str) -> bool:
    return bool(strong) and all(type_class(t) != winner_class for t in strong)


def _link_short_names(cl: Clusters, candidates: dict[int, set[int]]) -> None:
    """A short name joins the one cluster it can stand for (see _short_name_candidates),
    in the order of the clusters' first units: an earlier link can make two candidates one."""
    for root in sorted(candidates):
        roots = {cl.find(r) for r in candidates[root]}
        roots.discard(cl.find(root))
        if len(roots) == 1:
            cl.union(root, roots.pop())


def _short_name_candidates(cl: Clusters) -> tuple[dict[int, set[int]], dict[int, set[str]]]:
    """The clusters each short name can stand for: an acronym its expansion, a surname its
    person, a name the alias another article gave it; and the block keys each looked up
    (entity_blocks: "s:" a name, "i:" acronym letters, "l:" a last word, "g:" a given name
    in its article), which must name every index entry read here."""
    groups = cl.groups()
    clusters = {root: cl.cluster(members) for root, members in groups.items()}
    by_surface: dict[tuple[str, str], set[int]] = defaultdict(set)
    by_last: dict[str, set[int]] = defaultdict(set)
    by_first: dict[tuple[str, str], set[int]] = defaultdict(set)
    loose_by_last: dict[str, set[int]] = defaultdict(set)
    by_initials: dict[tuple[str, str], set[int]] = defaultdict(set)
    info: dict[int, tuple[str, str, tuple[str, ...]]] = {}
    for root, c in clusters.items():
        kind = type_class(c.type)
        name = c.name
        words = c.words
        info[root] = (kind, name, words)
        for surface, key in c.keys.items():
            if key:
                by_surface[(kind, key)].add(root)
            if kind != "PERSON" and len(surface.split()) > 1:
                for letters in set(initials(surface)):
                    by_initials[(kind, letters)].add(root)
        if len(words) > 1 and kind == "PERSON":
            by_last[words[-1]].add(root)
            for u in c.units:  # the full names an article gives it
                full = _unit_name(u)[1].split()
                if len(full) > 1:
                    by_first[(full[0], u.article_id)].add(root)
        elif len(words) > 1 and kind in LOOSE_LABELS and c.evidence <= MODEL:
            loose_by_last[words[-1]].add(root)
    candidates: dict[int, set[int]] = {}
    looked: dict[int, set[str]] = {}
    for root in sorted(clusters):
        kind, name, words = info[root]
        if not words or any(i in cl.held for i in groups[root]) or \
                (kind == "PLACE" and plain(name) in HOMONYM_PLACES):
            continue
        c = clusters[root]
        key = " ".join(words)
        keys = looked[root] = {"s:" + key}
        cands = set(by_surface.get((kind, key), ())) - {root}
        if is_acronym(name) and kind != "PERSON":
            keys.add("i:" + acronym_letters(name))
            cands |= by_initials.get((kind, acronym_letters(name)), set())
        elif kind == "PERSON":  # a longer name with the same last word
            keys.add("l:" + words[-1] if len(words) == 1 else f"l>{len(words)}:{words[-1]}")
            cands |= {r for r in by_last.get(words[-1], ()) if is_part_of_name(words, info[r][2])}
            if len(words) == 1 and c.evidence >= CONTEXT:
                # "Sheinbaum" (a person by a rule) and "Claudia Sheinbaum" (ORG to the model)
                cands |= loose_by_last.get(words[0], set())
        else:
            # other names link only to a cluster that has them as a whole alias
            cands = {r for r in cands if len(info[r][2]) >= len(words)}
            if len(words) == 1 and kind in LOOSE_LABELS and c.evidence <= MODEL:
                # a surname the model took for an organisation, and one person with it
                keys.add("l:" + words[0])
                cands |= by_last.get(words[0], set())
        if len(words) == 1 and len(name) > 3 and not name.isupper():
            cands |= _given_name_of(c, by_first, keys)
            if kind != "PERSON" and c.votes.get("PERSON", 0) >= CONTEXT:
                # a nickname a person's name was given in another article ("Abu Z"),
                # typed otherwise here by the model
                cands |= by_surface.get(("PERSON", key), set())
        cands.discard(root)
        candidates[root] = {r for r in cands if not any(i in cl.held for i in groups[r])}
    return candidates, looked


def _given_name_of(c: Cluster, fulls: dict[tuple[str, str], set[int]],
                   keys: set[str]) -> set[int]:
    """A given name used alone as a person's name ("Marta") beside a full name that opens
    with it in the same article ("Marta Kowalczyk"): the article's own names decide, so
    the rule reads the given name's articles only (docs/adr/0014)."""
    out: set[int] = set()
    for u in c.units:
        if type_class(best_label(u.votes)) == "PERSON":
            given = _unit_name(u)[1].split()
            if len(given) == 1:
                keys.add(f"g:{given[0]}:{u.article_id}")
                out |= fulls.get((given[0], u.article_id), set())
    return out


# --- the resolver ----------------------------------------------------------------------------

def resolve(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    """Resolve the units a load can change and keep every other unit's entity; on a first
    load, with other rules or with judgements, every unit (factdb.resolve.entity_blocks)."""
    judgements = load_judgements(run.settings.judgements_path)
    recovered = recover_in_corpus(con, run)
    rules = entity_blocks.rules_digest(judgements)
    touched = None if judgements else entity_blocks.touched_articles(con, run, rules, recovered)
    part: set[str] | None = None
    if touched is not None:
        entity_blocks.temp_list(con, "_entity_todo", "article_id", touched)
        touched_units = read_units(
            con, "article_id IN (SELECT article_id FROM temp.main._entity_todo)")
        part = entity_blocks.closure(con, touched, {u.local_key for u in touched_units},
                                     blocks_of(touched_units))
        kept = entity_blocks.kept_units(con)
        while part is not None:  # until the short names look up no unit outside the part
            if len(part) > entity_blocks.WHOLE_SHARE * kept:
                part = None  # the whole run gives the same entities, at less cost
                break
            units, context = _read_part(con, part)
            cl, candidates, looked = _same_names(units, judgements, context)
            more = entity_blocks.grow(con, part, set().union(*looked.values()))
            if not more:
                break
            part |= more
    if part is None:
        units = split_units(read_units(con), judgements.split)
        cl, candidates, looked = _same_names(units, judgements, None)
    _link_short_names(cl, candidates)
    entity_blocks.store(con, blocks_of(units) + [
        (cl.units[r].article_id, cl.units[r].local_key, k, True)
        for r, keys in looked.items() for k in sorted(keys)], part)
    applied = judged.describe_splits(cl, judgements) + judged.apply_merges(cl, judgements)
    type_of = judged.typed(cl, judgements, applied)
    entities, assignment, names_of, renamed = _entities(con, cl, type_of, part)
    entity_blocks.write(con, entities, assignment, part, renamed)
    entity_blocks.keep_units(con, [(u.local_key, u.article_id, assignment[u.mention_ids[0]])
                                   for u in cl.units], part, renamed, rules)
    rows = []
    for a in applied:
        ids = [names_of[cl.find(r)] for r in a.roots if cl.find(r) in names_of]
        note = a.note + (": " + ", ".join(ids) if ids else "")
        rows.append({"run_id": run.run_id, "action": a.action, "names": a.names,
                     "entity_type": a.entity_type, "note": note})
    db.insert_rows(con, "entity_judgements", rows)


def _read_part(con: duckdb.DuckDBPyConnection, part: set[str]
               ) -> tuple[list[Unit], dict[str, set[str]]]:
    """The units of ``part`` and the names of the articles of its homonym places."""
    entity_blocks.temp_list(con, "_entity_todo", "local_key", part)
    units = read_units(con, "coalesce(local_key, mention_id) IN "
                            "(SELECT local_key FROM temp.main._entity_todo)")
    homonyms = {u.article_id for u in units if type_class(best_label(u.votes)) == "PLACE"
                and plain(_unit_name(u)[0]) in HOMONYM_PLACES}
    entity_blocks.temp_list(con, "_entity_todo", "article_id", homonyms)
    context = article_context(read_units(
        con, "article_id IN (SELECT article_id FROM temp.main._entity_todo)"))
    con.execute("DROP TABLE temp.main._entity_todo")
    return units, context


def _entities(con: duckdb.DuckDBPyConnection, cl: Clusters, forced: dict[int, str],
              part: set[str] | None) -> tuple[list[dict[str, Any]], dict[str, str],
                                              dict[int, str], dict[str, str]]:
    """The entities rows of the clusters, the mention -> entity assignment, root -> "id
    (name)", and the kept entities whose id changes (see entity_blocks.name_entities)."""
    made = []
    for root, members in cl.groups().items():
        c = cl.cluster(members)
        mention_ids = [m for u in c.units for m in u.mention_ids]
        named = entity_blocks.Named(forced.get(root, c.type), c.name, min(mention_ids))
        made.append((named, root, c, mention_ids))
    renamed = entity_blocks.name_entities(con, [m[0] for m in made], part)
    made.sort(key=lambda t: t[0].ident)
    entities = []
    assignment: dict[str, str] = {}
    names_of: dict[int, str] = {}
    for named, root, c, mention_ids in made:
        ident = named.ident
        names_of[root] = f"{ident} ({named.name})"
        entities.append({
            "entity_id": ident, "name": named.name, "entity_type": named.kind,
            "aliases": sorted(c.surfaces), "mention_count": len(mention_ids),
            "article_count": len({u.article_id for u in c.units}),
        })
        for m in mention_ids:
            assignment[m] = ident
    return entities, assignment, names_of, renamed
