"""DuckDB named queries as SQLite queries, for Datasette's canned queries.

sqlglot translates the SQL; an AST rewrite then replaces what SQLite lacks:

* lists and structs are JSON text: ``struct_pack(k := v)`` and ``{'k': v}`` become
  ``json_object('k', v)``, ``[a, b]`` ``json_array(a, b)``, ``list(x ORDER BY k)`` the
  ordered aggregate ``factdb_list`` (see factdb.publish.sqlite_functions), ``list[i]`` and
  ``list[a:b]`` ``json_extract``/``factdb_list_slice``, ``unnest(list)`` a ``json_each``
  join, ``list_append``/``list_contains``/``len`` their JSON forms; a table alias used as a
  value (a whole row as a struct) becomes a JSON object of its columns and ``p.a.field``
  reads a field of it;
* ordered ``string_agg``, ``first``/``last`` and ``arg_min``/``arg_max`` become the
  factdb_* aggregates; ``GROUP BY ALL`` lists the grouped columns;
* dates are ISO text: ``d +/- INTERVAL n unit`` and ``d +/- n`` use ``date(d, '+n days')``,
  date minus date ``julianday``, ``year(d)``/``extract`` ``strftime``, ``date_trunc``
  date modifiers;
* calls of factdb's SQL macros (``CREATE MACRO`` in factdb/sql/schema/, e.g.
  ``factdb_citation``, ``factdb_count_label``, the table macro ``factdb_entity_lookup``) are
  expanded first, as DuckDB expands them: SQLite has no macros;
* ``$name`` placeholders become ``:name``; a parameter with a default becomes
  ``coalesce(nullif(:name, ''), 'default')`` because Datasette sends '' for a missing one.

Which names are lists, structs or dates comes from the catalog (column types) and from the
aliases the query gives to such expressions. A construct with no SQLite form raises
TranspileError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp

from factdb.errors import TranspileError
from factdb.publish.macros import expand_macros

#: JSON-producing SQLite functions whose result SQLite already treats as JSON when nested.
NATIVE_JSON = {"json_object", "json_array", "json_group_array", "json", "json_insert",
               "json_set", "json_extract", "json_group_object"}
#: Functions that return JSON text (a list or object) to be re-read as JSON when nested.
TEXT_JSON = {"factdb_list", "factdb_list_slice"}
#: Aggregates that return one of their input values: JSON when that value is JSON.
VALUE_AGGREGATES = {"factdb_first", "factdb_last", "factdb_arg_min", "factdb_arg_max"}
#: The columns of SQLite's json_each table.
JSON_EACH_COLUMNS = {"key", "value", "type", "atom", "id", "parent", "fullkey", "path"}
_DATE_UNITS = {"DAY": ("days", 1), "DAYS": ("days", 1), "WEEK": ("days", 7),
               "WEEKS": ("days", 7), "MONTH": ("months", 1), "MONTHS": ("months", 1),
               "YEAR": ("years", 1), "YEARS": ("years", 1)}
_TIME_UNITS = {"HOUR": "hours", "HOURS": "hours", "MINUTE": "minutes", "MINUTES": "minutes",
               "SECOND": "seconds", "SECONDS": "seconds"}
_PARTS = {"YEAR": "%Y", "MONTH": "%m", "DAY": "%d", "DOW": "%w", "DAYOFWEEK": "%w",
          "DOY": "%j", "DAYOFYEAR": "%j", "HOUR": "%H", "MINUTE": "%M"}
_PART_OF: dict[type[exp.Expr], str] = {
    exp.Year: "YEAR", exp.Month: "MONTH", exp.Day: "DAY", exp.DayOfWeek: "DOW",
    exp.DayOfMonth: "DAY", exp.DayOfYear: "DOY"}
_TRUNC = {"DAY": ["start of day"], "MONTH": ["start of month"], "YEAR": ["start of year"],
          "WEEK": ["-6 days", "weekday 1"]}


@dataclass(frozen=True)
class SchemaInfo:
    """What the rewrite needs to know about the tables."""

    table_columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    json_columns: frozenset[str] = frozenset()
    date_columns: frozenset[str] = frozenset()


def to_sqlite(sql: str, schema: SchemaInfo, defaults: Mapping[str, str] | None = None,
              pretty: bool = True) -> str:
    """The SQLite form of one DuckDB SELECT."""
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except sqlglot.errors.ParseError as exc:
        raise TranspileError(f"cannot parse the query: {exc}") from exc
    tree = expand_macros(tree)
    _expand_group_by_all(tree)
    rewriter = _Rewriter(schema, dict(defaults or {}))
    rewriter.learn_names(tree)
    for node in list(tree.walk(bfs=False))[::-1]:
        new = rewriter.rewrite(node)
        if new is not None and new is not node:
            if node is tree:
                tree = new
            else:
                node.replace(new)
    try:
        return tree.sql(dialect="sqlite", pretty=pretty, unsupported_level=sqlglot.ErrorLevel.RAISE)
    except sqlglot.errors.UnsupportedError as exc:
        raise TranspileError(str(exc)) from exc


def _fn(name: str, *args: exp.Expr) -> exp.Anonymous:
    return exp.Anonymous(this=name, expressions=list(args))


def _fn_name(node: exp.Expr) -> str | None:
    return node.name.lower() if isinstance(node, exp.Anonymous) else None


def _has_aggregate(node: exp.Expr) -> bool:
    for n in node.walk(prune=lambda x: isinstance(x, exp.Subquery | exp.Select | exp.Window)
                       and x is not node):
        if isinstance(n, exp.AggFunc) and not isinstance(n.parent, exp.Window):
            return True
    return False


def _expand_group_by_all(tree: exp.Expr) -> None:
    for select in tree.find_all(exp.Select):
        group = select.args.get("group")
        if isinstance(group, exp.Group) and group.args.get("all"):
            positions = [exp.Literal.number(i + 1) for i, p in enumerate(select.expressions)
                         if not _has_aggregate(p)]
            select.set("group", exp.Group(expressions=positions) if positions else None)


def _scalar_value(subquery: exp.Subquery) -> exp.Expr | None:
    """The one value a scalar subquery selects (unaliased), if it is a plain SELECT."""
    select = subquery.this
    if not isinstance(select, exp.Select) or len(select.expressions) != 1:
        return None
    value: exp.Expr = select.expressions[0]
    return value.unalias()


def _string(value: str) -> exp.Literal:
    return exp.Literal.string(value)


def _ordering(order: list[exp.Expr]) -> list[exp.Expr]:
    """(flags, key) pairs for an ordered factdb aggregate."""
    args: list[exp.Expr] = []
    for o in order:
        if not isinstance(o, exp.Ordered):
            o = exp.Ordered(this=o)
        flags = (1 if o.args.get("desc") else 0) + (2 if o.args.get("nulls_first") else 0)
        args += [exp.Literal.number(flags), o.this]
    return args


def _unwrap(inner: exp.Expr) -> tuple[exp.Expr, list[exp.Expr], bool]:
    """(value, order keys, distinct) of an aggregate's argument."""
    order: list[exp.Expr] = []
    distinct = False
    if isinstance(inner, exp.Order):
        order = list(inner.expressions)
        inner = inner.this
    if isinstance(inner, exp.Distinct):
        distinct = True
        if len(inner.expressions) != 1:
            raise TranspileError("DISTINCT over several expressions in a list aggregate")
        inner = inner.expressions[0]
    return inner, order, distinct


class _Rewriter:
    def __init__(self, schema: SchemaInfo, defaults: dict[str, str]) -> None:
        self.schema = schema
        self.defaults = defaults
        self.json_names: set[str] = set(schema.json_columns)
        self.date_names: set[str] = set(schema.date_columns)
        self.unnest_count = 0

    # --- names: which aliases hold lists/structs or dates -------------------------------
    def learn_names(self, tree: exp.Expr) -> None:
        for _ in range(5):
            before = (len(self.json_names), len(self.date_names))
            for alias in tree.find_all(exp.Alias):
                if self.duck_json(alias.this):
                    self.json_names.add(alias.alias)
                elif self.duck_date(alias.this):
                    self.date_names.add(alias.alias)
            if (len(self.json_names), len(self.date_names)) == before:
                return

    def duck_json(self, e: exp.Expr) -> bool:
        """Is this DuckDB expression a list or struct."""
        if isinstance(e, exp.Struct | exp.Array | exp.ArrayAgg | exp.ArrayAppend):
            return True
        if isinstance(e, exp.Anonymous):
            return e.name.lower() in {"list_agg", "list_value", "list_pack"}
        if isinstance(e, exp.Column):
            return e.name in self.json_names or self.row_source(e) is not None
        if isinstance(e, exp.Bracket):
            return any(isinstance(x, exp.Slice) for x in e.expressions) and self.duck_json(
                e.this)
        if isinstance(e, exp.ArgMin | exp.ArgMax | exp.First | exp.Last | exp.Min | exp.Max
                      | exp.Paren | exp.Filter | exp.Window | exp.Order | exp.IgnoreNulls):
            return self.duck_json(e.this)
        if isinstance(e, exp.Coalesce):
            return any(self.duck_json(a) for a in [e.this, *e.expressions])
        if isinstance(e, exp.Case):
            return any(self.duck_json(i.args["true"]) for i in e.args.get("ifs", []))
        if isinstance(e, exp.Subquery):  # a scalar subquery: its one value
            return self.duck_json(_scalar_value(e) or exp.Null())
        return False

    def duck_date(self, e: exp.Expr) -> bool:
        if isinstance(e, exp.Column):
            return e.name in self.date_names
        if isinstance(e, exp.Cast):
            return e.to.is_type(exp.DataType.Type.DATE)
        if isinstance(e, exp.CurrentDate):
            return True
        if isinstance(e, exp.Coalesce | exp.Min | exp.Max | exp.Paren):
            return self.duck_date(e.this)
        if isinstance(e, exp.Add | exp.Sub):
            return self.duck_date(e.this) and not self.duck_date(e.expression)
        return _fn_name(e) == "date"

    # --- rewriting ----------------------------------------------------------------------
    def is_json(self, e: exp.Expr) -> bool:
        """Is this (rewritten) expression JSON text."""
        name = _fn_name(e)
        if name is not None:
            if name in NATIVE_JSON - {"json_extract"} or name in TEXT_JSON:
                return True
            if name in VALUE_AGGREGATES:
                return bool(e.expressions) and self.is_json(e.expressions[0])
            return False
        if isinstance(e, exp.Column):
            return e.name in self.json_names
        if isinstance(e, exp.Paren | exp.Filter | exp.Window):
            return self.is_json(e.this)
        if isinstance(e, exp.Coalesce):
            return any(self.is_json(a) for a in [e.this, *e.expressions])
        if isinstance(e, exp.Case):
            return any(self.is_json(i.args["true"]) for i in e.args.get("ifs", []))
        if isinstance(e, exp.Subquery):  # a scalar subquery gives JSON as plain text
            return self.is_json(_scalar_value(e) or exp.Null())
        return False

    def embed(self, e: exp.Expr) -> exp.Expr:
        """A value to nest inside a JSON constructor: JSON text is re-read as JSON."""
        name = _fn_name(e)
        if name in NATIVE_JSON or not self.is_json(e):
            return e
        return _fn("json", e)

    def rewrite(self, node: exp.Expr) -> exp.Expr | None:
        handler = _HANDLERS.get(type(node))
        return handler(self, node) if handler else None

    def placeholder(self, node: exp.Placeholder) -> exp.Expr | None:
        default = self.defaults.get(node.name)
        if not default:  # Datasette sends '' for a missing parameter: '' needs no default
            return None
        return exp.Coalesce(this=exp.Nullif(this=node.copy(), expression=_string("")),
                            expressions=[_string(default)])

    def struct(self, node: exp.Struct) -> exp.Expr:
        args: list[exp.Expr] = []
        for item in node.expressions:
            if isinstance(item, exp.PropertyEQ | exp.Alias):
                key, value = (item.name if isinstance(item, exp.PropertyEQ) else item.alias,
                              item.expression if isinstance(item, exp.PropertyEQ)
                              else item.this)
            elif isinstance(item, exp.Column):
                key, value = item.name, item
            else:
                raise TranspileError(f"struct field without a name: {item.sql('duckdb')}")
            args += [_string(key), self.embed(value)]
        return _fn("json_object", *args)

    def array(self, node: exp.Array) -> exp.Expr:
        return _fn("json_array", *(self.embed(e) for e in node.expressions))

    def list_agg(self, node: exp.Expr) -> exp.Expr:
        inner = node.this if not isinstance(node, exp.Anonymous) else node.expressions[0]
        value, order, distinct = _unwrap(inner)
        return _fn("factdb_list", exp.Literal.number(int(self.is_json(value))),
                   exp.Literal.number(int(distinct)), value, *_ordering(order))

    def anonymous(self, node: exp.Anonymous) -> exp.Expr | None:
        name = node.name.lower()
        if name == "list_agg" and len(node.expressions) == 1:
            return self.list_agg(node)
        if name in {"list_value", "list_pack"}:
            return _fn("json_array", *(self.embed(e) for e in node.expressions))
        return None

    def group_concat(self, node: exp.GroupConcat) -> exp.Expr | None:
        value, order, distinct = _unwrap(node.this)
        if not order and not distinct:
            return None
        separator = node.args.get("separator") or _string(",")
        return _fn("factdb_string_agg", exp.Literal.number(int(distinct)), value, separator,
                   *_ordering(order))

    def first_last(self, node: exp.First | exp.Last) -> exp.Expr:
        value, order, distinct = _unwrap(node.this)
        if distinct:
            raise TranspileError("DISTINCT in first()/last()")
        name = "factdb_first" if isinstance(node, exp.First) else "factdb_last"
        return _fn(name, value, *_ordering(order))

    def arg_min_max(self, node: exp.ArgMin | exp.ArgMax) -> exp.Expr:
        name = "factdb_arg_min" if isinstance(node, exp.ArgMin) else "factdb_arg_max"
        return _fn(name, node.this, node.expression)

    def array_append(self, node: exp.ArrayAppend) -> exp.Expr:
        base = exp.Coalesce(this=node.this, expressions=[_string("[]")])
        return _fn("json_insert", base, _string("$[#]"), self.embed(node.expression))

    def array_contains(self, node: exp.ArrayContains) -> exp.Expr:
        return _exists_in_json(node.this, node.expression)

    def contains(self, node: exp.Contains) -> exp.Expr:
        if self.is_json(node.this):
            return _exists_in_json(node.this, node.expression)
        return exp.GT(this=_fn("instr", node.this, node.expression),
                      expression=exp.Literal.number(0))

    def length(self, node: exp.Length | exp.ArraySize) -> exp.Expr | None:
        if isinstance(node, exp.ArraySize) or self.is_json(node.this):
            return _fn("json_array_length", node.this)
        return None

    def bracket(self, node: exp.Bracket) -> exp.Expr | None:
        if not (self.is_json(node.this) or _fn_name(node.this) == "json_extract"):
            return None
        if len(node.expressions) != 1:
            raise TranspileError("list subscript with several indexes")
        index = node.expressions[0]
        if isinstance(index, exp.Slice):
            lo = index.this if index.this is not None else exp.Null()
            hi = index.expression if index.expression is not None else exp.Null()
            return _fn("factdb_list_slice", node.this, lo, hi)
        # sqlglot has already made the DuckDB (1-based) index 0-based.
        if isinstance(index, exp.Literal) and not index.is_string:
            return _fn("json_extract", node.this, _string(f"$[{int(index.this)}]"))
        path = exp.DPipe(this=exp.DPipe(this=_string("$["), expression=index),
                         expression=_string("]"))
        return _fn("json_extract", node.this, path)

    def column(self, node: exp.Column) -> exp.Expr | None:
        parts = node.parts
        if len(parts) == 3 and parts[1].name in self.json_names:
            # p.a.field: a field of the struct column a of table p
            base = exp.column(parts[1].name, table=parts[0].name)
            return _fn("json_extract", base, _string(f'$."{parts[2].name}"'))
        source = self.row_source(node)
        if source is not None:
            alias, columns = source
            args: list[exp.Expr] = []
            for c in columns:
                args += [_string(c), self.embed(exp.column(c, table=alias))]
            return _fn("json_object", *args)
        return None

    def row_source(self, node: exp.Column) -> tuple[str, tuple[str, ...]] | None:
        """(alias, columns) when a bare name in a SELECT list is a table alias: a whole row."""
        if node.table or not isinstance(node.parent, exp.Alias | exp.Select):
            return None
        select = node.find_ancestor(exp.Select)
        if select is None:
            return None
        for source in _sources(select):
            if source.alias_or_name != node.name:
                continue
            columns = self.source_columns(select, source)
            if columns is None or node.name in columns:
                return None
            return node.name, columns
        return None

    def source_columns(self, select: exp.Select, source: exp.Table) -> tuple[str, ...] | None:
        name = source.name
        scope: exp.Expr | None = select
        while scope is not None:
            with_ = scope.args.get("with_") or scope.args.get("with")
            if isinstance(with_, exp.With):
                for cte in with_.expressions:
                    if cte.alias == name:
                        query = cte.this
                        if any(isinstance(p, exp.Star) or (isinstance(p, exp.Column) and
                               isinstance(p.this, exp.Star)) for p in query.selects):
                            raise TranspileError(f"row of '{name}' used as a value, but "
                                                 f"'{name}' selects *; name its columns")
                        return tuple(query.named_selects)
            scope = scope.parent
        cols = self.schema.table_columns.get(name)
        return tuple(cols) if cols is not None else None

    def qualify_json_each_names(self, select: exp.Select) -> None:
        """Give a table to bare columns that json_each's own columns (id, value...) would hide."""
        sources = list(_sources(select))
        for column in _own_columns(select):
            if column.table or column.name not in JSON_EACH_COLUMNS:
                continue
            owners = [s.alias_or_name for s in sources
                      if len(sources) == 1
                      or column.name in (self.source_columns(select, s) or ())]
            if len(owners) == 1:
                column.set("table", exp.to_identifier(owners[0]))

    def add_sub(self, node: exp.Add | exp.Sub) -> exp.Expr | None:
        left, right = node.this, node.expression
        sign = -1 if isinstance(node, exp.Sub) else 1
        if isinstance(right, exp.Interval):
            return _shift(left, right, sign)
        if isinstance(left, exp.Interval) and sign == 1:
            return _shift(right, left, 1)
        left_date, right_date = self.sql_date(left), self.sql_date(right)
        if left_date and right_date and sign == -1:
            diff = exp.Sub(this=_fn("julianday", left), expression=_fn("julianday", right))
            return exp.Cast(this=exp.Paren(this=diff), to=exp.DataType.build("INTEGER"))
        if left_date and not right_date:
            if isinstance(right, exp.Literal) and not right.is_string:
                return _fn("date", left, _string(f"{sign * int(right.this):+d} days"))
            days = right if sign == 1 else exp.Neg(this=exp.Paren(this=right))
            return _fn("date", left, _fn("printf", _string("%+d days"), days))
        if right_date and not left_date and sign == 1:
            return _fn("date", right, _fn("printf", _string("%+d days"), left))
        return None

    def sql_date(self, e: exp.Expr) -> bool:
        if isinstance(e, exp.Column):
            return e.name in self.date_names
        if isinstance(e, exp.Cast):
            return e.to.is_type(exp.DataType.Type.DATE)
        if isinstance(e, exp.CurrentDate):
            return True
        if isinstance(e, exp.Coalesce | exp.Paren):
            return self.sql_date(e.this)
        return _fn_name(e) == "date"

    def date_add(self, node: exp.DateAdd | exp.DateSub) -> exp.Expr:
        interval = node.expression
        if not isinstance(interval, exp.Interval):
            unit = node.args.get("unit")
            interval = exp.Interval(this=interval, unit=unit or exp.Var(this="DAY"))
        return _shift(node.this, interval, -1 if isinstance(node, exp.DateSub) else 1)

    def date_part(self, node: exp.Expr) -> exp.Expr:
        if isinstance(node, exp.Extract):
            part, value = node.this.name.upper(), node.expression
        else:
            part = _PART_OF[type(node)]
            value = node.this
        fmt = _PARTS.get(part)
        if fmt is None:
            raise TranspileError(f"date part {part}")
        return exp.Cast(this=_fn("strftime", _string(fmt), value),
                        to=exp.DataType.build("INTEGER"))

    def date_trunc(self, node: exp.TimestampTrunc | exp.DateTrunc) -> exp.Expr:
        unit = node.args["unit"].name.upper()
        modifiers = _TRUNC.get(unit)
        if modifiers is None:
            raise TranspileError(f"date_trunc to {unit}")
        return _fn("date", node.this, *(_string(m) for m in modifiers))

    def regexp_like(self, node: exp.RegexpLike) -> exp.Expr:
        args = [node.this, node.expression]
        if node.args.get("flag") is not None:
            args.append(node.args["flag"])
        return _fn("regexp_matches", *args)

    def regexp_replace(self, node: exp.RegexpReplace) -> exp.Expr:
        args = [node.this, node.expression, node.args["replacement"]]
        if node.args.get("modifiers") is not None:
            args.append(node.args["modifiers"])
        return _fn("regexp_replace", *args)

    def regexp_extract(self, node: exp.RegexpExtract) -> exp.Expr:
        args = [node.this, node.expression]
        if node.args.get("group") is not None:
            args.append(node.args["group"])
        return _fn("regexp_extract", *args)

    def select(self, node: exp.Select) -> exp.Expr | None:
        exploding = [p for p in node.expressions
                     if isinstance(p.unalias(), exp.Explode | exp.Unnest)]
        if not exploding:
            return None
        if len(exploding) > 1:
            raise TranspileError("several unnest() in one SELECT list")
        self.qualify_json_each_names(node)
        projection = exploding[0]
        func = projection.unalias()
        target = func.this if isinstance(func, exp.Explode) else func.expressions[0]
        self.unnest_count += 1
        alias = f"_unnest{self.unnest_count}"
        name = projection.alias if isinstance(projection, exp.Alias) else "unnest"
        table = exp.Table(this=_fn("json_each", target),
                          alias=exp.TableAlias(this=exp.to_identifier(alias)))
        value = exp.alias_(exp.column("value", table=alias), name)
        projection.replace(value)
        if node.args.get("from_") or node.args.get("from"):
            node.append("joins", exp.Join(this=table))
        else:
            node.set("from_", exp.From(this=table))
        return node


def _own_columns(select: exp.Select) -> Iterable[exp.Column]:
    """The columns of a SELECT itself, not of its subqueries."""
    for n in select.walk(prune=lambda x: isinstance(x, exp.Select | exp.Subquery)
                         and x is not select):
        if isinstance(n, exp.Column):
            yield n


def _sources(select: exp.Select) -> Iterable[exp.Table]:
    from_ = select.args.get("from_") or select.args.get("from")
    if isinstance(from_, exp.From) and isinstance(from_.this, exp.Table):
        yield from_.this
    for join in select.args.get("joins") or []:
        if isinstance(join.this, exp.Table):
            yield join.this


def _exists_in_json(target: exp.Expr, value: exp.Expr) -> exp.Expr:
    query = exp.select("1").from_(exp.Table(this=_fn("json_each", target))).where(
        exp.EQ(this=exp.column("value"), expression=value))
    found = exp.Exists(this=query)
    return exp.Case(ifs=[exp.If(this=exp.Is(this=target.copy(), expression=exp.Null()),
                                true=exp.Null())], default=found)


def _shift(value: exp.Expr, interval: exp.Interval, sign: int) -> exp.Expr:
    unit = interval.unit.name.upper() if interval.unit else "DAY"
    amount = interval.this
    if unit in _DATE_UNITS:
        word, factor = _DATE_UNITS[unit]
        func = "date"
    elif unit in _TIME_UNITS:
        word, factor, func = _TIME_UNITS[unit], 1, "datetime"
    else:
        raise TranspileError(f"interval unit {unit}")
    if isinstance(amount, exp.Literal):
        text = amount.this.strip()
        parts = text.split()
        if len(parts) == 2:  # INTERVAL '1 month'
            return _shift(value, exp.Interval(this=exp.Literal.number(parts[0]),
                                              unit=exp.Var(this=parts[1].upper())), sign)
        n = float(text) * factor * sign
        shown = int(n) if n == int(n) else n
        return _fn(func, value, _string(f"{shown:+} {word}"))
    scaled: exp.Expr = exp.Paren(this=amount)
    if factor * sign != 1:
        scaled = exp.Mul(this=scaled, expression=exp.Literal.number(factor * sign))
    return _fn(func, value, _fn("printf", _string(f"%+d {word}"), scaled))


_Handler = Callable[[_Rewriter, exp.Expr], exp.Expr | None]
_HANDLERS: dict[type, _Handler] = {
    exp.Placeholder: _Rewriter.placeholder,  # type: ignore[dict-item]
    exp.Struct: _Rewriter.struct,  # type: ignore[dict-item]
    exp.Array: _Rewriter.array,  # type: ignore[dict-item]
    exp.ArrayAgg: _Rewriter.list_agg,
    exp.Anonymous: _Rewriter.anonymous,  # type: ignore[dict-item]
    exp.GroupConcat: _Rewriter.group_concat,  # type: ignore[dict-item]
    exp.First: _Rewriter.first_last,  # type: ignore[dict-item]
    exp.Last: _Rewriter.first_last,  # type: ignore[dict-item]
    exp.ArgMin: _Rewriter.arg_min_max,  # type: ignore[dict-item]
    exp.ArgMax: _Rewriter.arg_min_max,  # type: ignore[dict-item]
    exp.ArrayAppend: _Rewriter.array_append,  # type: ignore[dict-item]
    exp.ArrayContains: _Rewriter.array_contains,  # type: ignore[dict-item]
    exp.Contains: _Rewriter.contains,  # type: ignore[dict-item]
    exp.Length: _Rewriter.length,  # type: ignore[dict-item]
    exp.ArraySize: _Rewriter.length,  # type: ignore[dict-item]
    exp.Bracket: _Rewriter.bracket,  # type: ignore[dict-item]
    exp.Column: _Rewriter.column,  # type: ignore[dict-item]
    exp.Add: _Rewriter.add_sub,  # type: ignore[dict-item]
    exp.Sub: _Rewriter.add_sub,  # type: ignore[dict-item]
    exp.DateAdd: _Rewriter.date_add,  # type: ignore[dict-item]
    exp.DateSub: _Rewriter.date_add,  # type: ignore[dict-item]
    exp.Extract: _Rewriter.date_part,
    exp.Year: _Rewriter.date_part,
    exp.Month: _Rewriter.date_part,
    exp.Day: _Rewriter.date_part,
    exp.DayOfWeek: _Rewriter.date_part,
    exp.DayOfMonth: _Rewriter.date_part,
    exp.DayOfYear: _Rewriter.date_part,
    exp.TimestampTrunc: _Rewriter.date_trunc,  # type: ignore[dict-item]
    exp.DateTrunc: _Rewriter.date_trunc,  # type: ignore[dict-item]
    exp.RegexpLike: _Rewriter.regexp_like,  # type: ignore[dict-item]
    exp.RegexpReplace: _Rewriter.regexp_replace,  # type: ignore[dict-item]
    exp.RegexpExtract: _Rewriter.regexp_extract,  # type: ignore[dict-item]
    exp.Select: _Rewriter.select,  # type: ignore[dict-item]
}
