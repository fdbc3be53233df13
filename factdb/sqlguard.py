"""The read-only SQL guard: checks one user SELECT and returns the DuckDB SQL that may run.

The user's text is parsed with sqlglot and only the SQL that sqlglot regenerates from the
checked tree is ever executed (ADR 0004). Accepted: one SELECT (CTEs, set operations,
subqueries, window functions) over the database's own tables, calling allow-listed functions.
Everything else is refused with a `SqlRejected` whose `reason` says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ErrorLevel, SqlglotError
from sqlglot.tokenizer_core import Token, TokenType

from factdb.errors import QueryError as QueryError  # re-exported
from factdb.errors import SqlRejected

#: Dialects a query may be written in; all are translated to DuckDB.
DIALECTS = ("duckdb", "postgres", "sqlite")
MAX_CHARS = 20_000
MAX_TOKENS = 5_000
MAX_NODES = 5_000
#: Deepest syntax tree accepted (realistic analytical queries stay under 20).
MAX_DEPTH = 128
#: Deepest nesting of brackets ( [ { and CASE, and longest run of prefix operators.
MAX_NESTING = 32
MAX_PREFIX_RUN = 16
#: Tables or subqueries joined in one SELECT, and joins without a condition in the query.
MAX_SOURCES = 8
MAX_CROSS_JOINS = 2


def _reject(reason: str, message: str) -> SqlRejected:
    return SqlRejected(reason, message)


# --- functions ------------------------------------------------------------------------------

#: DuckDB functions a query may call: aggregates, window, string, regex, date/time, math,
#: list, struct/map and JSON value functions. Anything else (settings, variables, sequences,
#: files, logging, sleeping, catalog introspection, extension functions) is refused, and so
#: are functions that build a value whose size an argument sets (range, generate_series,
#: repeat, lpad/rpad, list_resize, bar, format/printf widths): DuckDB allocates those outside
#: its memory_limit.
ALLOWED_FUNCTIONS = frozenset(
    """
    any_value approx_count_distinct approx_quantile arbitrary arg_max arg_min argmax argmin
    array_agg avg bit_and bit_or bit_xor bool_and bool_or corr count count_if count_star countif
    covar_pop covar_samp entropy favg first fsum geomean geometric_mean group_concat histogram
    kahan_sum kurtosis kurtosis_pop last list listagg mad max max_by mean median min min_by mode
    product quantile quantile_cont quantile_disc regr_avgx regr_avgy regr_count regr_intercept
    regr_r2 regr_slope regr_sxx regr_sxy regr_syy reservoir_quantile sem skewness stddev
    stddev_pop stddev_samp string_agg sum sumkahan var_pop var_samp variance weighted_avg wavg
    row_number rank dense_rank rank_dense percent_rank cume_dist ntile lag lead first_value
    last_value nth_value
    ascii bit_length char_length character_length chr concat concat_ws contains
    damerau_levenshtein editdist3 ends_with format_bytes hamming instr jaccard
    jaro_similarity jaro_winkler_similarity lcase left left_grapheme len length length_grapheme
    levenshtein lower ltrim md5 mismatches nfc_normalize octet_length ord position prefix
     replace reverse right right_grapheme rtrim sha1 sha256 split split_part
    starts_with str_split str_split_regex string_split string_split_regex string_to_array
    strip_accents strlen strpos substr substring substring_grapheme suffix to_base64 base64
    from_base64 to_hex hex unhex bin unbin translate trim ucase unicode upper url_decode
    url_encode hash
    regexp_escape regexp_extract regexp_extract_all regexp_full_match regexp_matches
    regexp_replace regexp_split_to_array
    age century current_date date_add date_diff date_part date_sub date_trunc datediff datepart
    datesub datetrunc day dayname dayofmonth dayofweek dayofyear days_in_month decade epoch
    epoch_ms epoch_ns epoch_us era get_current_time get_current_timestamp hour isodow isoyear
    julian last_day make_date make_time make_timestamp make_timestamptz microsecond millennium
    millisecond minute month monthname nanosecond now quarter second strftime strptime
    time_bucket timezone timezone_hour timezone_minute to_centuries to_days to_decades to_hours
    to_microseconds to_millennia to_milliseconds to_minutes to_months to_quarters to_seconds
    to_timestamp to_weeks to_years today transaction_timestamp try_strptime week weekday
    weekofyear year yearweek
    abs acos acosh asin asinh atan atan2 atanh cbrt ceil ceiling cos cosh cot degrees divide
    even exp factorial fdiv fmod gamma gcd greatest greatest_common_divisor isfinite isinf isnan
    lcm least least_common_multiple lgamma ln log log10 log2 mod multiply nextafter pi pow power
    radians random round round_even roundbankers sign signbit sin sinh sqrt subtract tan tanh
    trunc xor add bit_count
    aggregate apply array_aggr array_aggregate array_append array_apply array_cat array_concat
    array_contains array_distinct array_extract array_filter array_has array_has_all
    array_has_any array_indexof array_intersect array_length array_position array_prepend
    array_reverse array_reverse_sort array_select array_slice array_sort array_to_string
    array_transform array_unique array_value array_where array_zip cardinality element_at filter
    flatten generate_subscripts grade_up list_aggr list_aggregate list_any_value
    list_append list_apply list_avg list_cat list_concat list_contains list_count list_distinct
    list_element list_extract list_filter list_first list_grade_up list_has list_has_all
    list_has_any list_indexof list_intersect list_last list_max list_median list_min list_mode
    list_pack list_position list_prepend list_reduce list_reverse list_reverse_sort
    list_select list_slice list_sort list_string_agg list_sum list_transform list_unique
    list_value list_where list_zip reduce unnest
    map map_concat map_contains map_entries map_extract map_extract_value map_from_entries
    map_keys map_values row struct_concat struct_extract struct_insert struct_pack
    coalesce ifnull nullif if typeof
    json_array json_array_length json_contains json_exists json_extract json_extract_path
    json_extract_path_text json_extract_string json_group_array json_group_object json_keys
    json_object json_quote json_structure json_type json_valid json_value to_json
    """.split()
)

#: sqlglot nodes for SQL syntax that DuckDB runs as built-in expressions, not named calls.
_SYNTAX_FUNCS: tuple[type[exp.Expr], ...] = (
    exp.Case, exp.If, exp.Cast, exp.TryCast, exp.Extract, exp.Coalesce, exp.Array, exp.Struct,
    exp.Exists, exp.Columns, exp.JSONExtract, exp.JSONExtractScalar, exp.Unnest, exp.Any,
    exp.All, exp.CurrentDate, exp.CurrentTimestamp, exp.CurrentTime, exp.DPipe, exp.Interval,
    exp.TsOrDsToTimestamp, exp.TsOrDsToDate, exp.ArraySize,
)


#: Argument lists tried when finding which node the DuckDB parser builds for a function name.
_SAMPLE_ARGS = ("a", "a, b", "a, b, c", "'day', a", "'day', a, b", "a, 'day'", "a, '%Y'")


@cache
def allowed_function_classes() -> frozenset[type[exp.Expr]]:
    """sqlglot function nodes that stand for an allowed DuckDB function or for SQL syntax.

    A node class is allowed when it is an operator (AND, COLLATE, JSON arrows...), when one of
    its SQL names is allowed, or when the DuckDB parser builds it for an allowed name.
    """
    duckdb = Dialect.get_or_raise("duckdb")
    found: set[type[exp.Expr]] = {c for c in _SYNTAX_FUNCS if issubclass(c, exp.Func)}
    for cls in vars(exp).values():
        if not (isinstance(cls, type) and issubclass(cls, exp.Func)) or cls is exp.Anonymous:
            continue
        if issubclass(cls, (exp.Binary, exp.Unary, exp.Connector, exp.Predicate)):
            found.add(cls)
            continue
        try:
            names = cls.sql_names()
        except NotImplementedError:
            continue
        if any(n.lower() in ALLOWED_FUNCTIONS for n in names):
            found.add(cls)
    builders = duckdb.parser_class.FUNCTIONS
    special = set(duckdb.parser_class.FUNCTION_PARSERS) | set(
        duckdb.parser_class.NO_PAREN_FUNCTION_PARSERS)
    for name in ALLOWED_FUNCTIONS:
        builder = builders.get(name.upper())
        owner = getattr(builder, "__self__", None)
        if isinstance(owner, type) and issubclass(owner, exp.Func) and name.upper() not in special:
            found.add(owner)
            continue
        if builder is None and name.upper() not in special:
            continue  # parsed as an anonymous call, checked by name
        for args in _SAMPLE_ARGS:
            try:
                tree = duckdb.parse(f"SELECT {name}({args})")[0]
            except SqlglotError:
                continue
            if isinstance(tree, exp.Select) and tree.expressions:
                node = tree.expressions[0]
                if isinstance(node, exp.Func) and not isinstance(node, exp.Anonymous):
                    found.add(type(node))
    return frozenset(found)


# --- tables ---------------------------------------------------------------------------------

_CREATE = re.compile(
    r"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    r"(?:main\.)?\"?([A-Za-z_][A-Za-z0-9_]*)",
    re.IGNORECASE,
)


@cache
def schema_tables() -> frozenset[str]:
    """The tables and views the schema files create (used when no open database says)."""
    from factdb import db

    names = {"schema_migrations"}
    for _, _, path in db.migrations():
        names.update(m.group(1).lower() for m in _CREATE.finditer(path.read_text("utf-8")))
    return frozenset(names)


# --- text checks ----------------------------------------------------------------------------

#: Control characters (except tab and newlines), bidi overrides and isolates, invisible joiners,
#: line separators, the byte-order mark, and lone surrogates.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069"
    "\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
_OPEN = {TokenType.L_PAREN, TokenType.L_BRACKET, TokenType.L_BRACE, TokenType.CASE}
_CLOSE = {TokenType.R_PAREN, TokenType.R_BRACKET, TokenType.R_BRACE, TokenType.END}
_PREFIX = {TokenType.NOT, TokenType.DASH, TokenType.PLUS, TokenType.TILDE}


def _check_text(sql: str) -> None:
    if len(sql) > MAX_CHARS:
        raise _reject("too_large", f"the query is {len(sql)} characters long; the limit is "
                                   f"{MAX_CHARS}")
    bad = _BAD_CHARS.search(sql)
    if bad:
        raise _reject("characters", f"character {bad.start() + 1} is an invisible or control "
                                    f"character (U+{ord(bad.group()):04X}); remove it")
    if not sql.strip():
        raise _reject("parse", "the query is empty")


def _check_tokens(tokens: list[Token]) -> None:
    if len(tokens) > MAX_TOKENS:
        raise _reject("too_large", f"the query has {len(tokens)} tokens; the limit is "
                                   f"{MAX_TOKENS}")
    depth = run = 0
    for tok in tokens:
        if tok.token_type in _OPEN:
            depth += 1
            if depth > MAX_NESTING:
                raise _reject("too_deep", f"brackets or CASE nested more than {MAX_NESTING} "
                                          "deep")
        elif tok.token_type in _CLOSE:
            depth = max(0, depth - 1)
        run = run + 1 if tok.token_type in _PREFIX else 0
        if run > MAX_PREFIX_RUN:
            raise _reject("too_deep", f"more than {MAX_PREFIX_RUN} prefix operators in a row")


# --- tree checks ----------------------------------------------------------------------------

#: Nodes that change the database, the session or files, or that take parameters.
_FORBIDDEN: tuple[type[exp.Expr], ...] = (
    exp.DDL, exp.Command, exp.Copy, exp.Attach, exp.Detach, exp.Pragma, exp.Set, exp.SetItem,
    exp.Use, exp.Install, exp.Into, exp.Lock, exp.Transaction, exp.Commit, exp.Rollback,
    exp.Describe, exp.Summarize, exp.Drop, exp.Alter, exp.Grant, exp.Refresh, exp.Cache,
    exp.Uncache, exp.Analyze, exp.LoadData, exp.Show, exp.Comment, exp.TruncateTable,
    exp.Declare, exp.Execute, exp.Kill, exp.Export, exp.Merge, exp.Insert, exp.Update,
    exp.Delete, exp.Hint,
)
_PARAMETERS: tuple[type[exp.Expr], ...] = (
    exp.Placeholder, exp.Parameter, exp.SessionParameter,
)
_QUERY_BODIES = (exp.Select, exp.SetOperation, exp.Subquery)
_SOURCES = (exp.Table, exp.Subquery, exp.Values, exp.Lateral)
_FREE_JOIN_METHODS = {"NATURAL", "POSITIONAL", "ASOF"}


def _describe(node: exp.Expr) -> str:
    sql = node.sql("duckdb", comments=False)
    return sql if len(sql) <= 60 else sql[:57] + "..."


def _statement(node: exp.Expr) -> str:
    """What a statement is, for messages: COPY, ATTACH, LOAD..."""
    if isinstance(node, exp.Command):
        return str(node.this).upper()
    if isinstance(node, (exp.Column, exp.Identifier, exp.Var)):
        return _describe(node).upper()
    return node.key.upper()


def _not_select(node: exp.Expr) -> SqlRejected:
    return _reject("not_select", f"{_statement(node)} is not allowed: only a SELECT statement "
                                 "can run")


def _func_name(node: exp.Func) -> str:
    if isinstance(node, exp.Anonymous):
        return node.name
    return node.sql_name().lower()


def _check_source(node: exp.Expr | None, where: str) -> None:
    if node is None:
        return
    if not isinstance(node, _SOURCES):
        raise _reject("table_function", f"{where} may only name tables of this database or "
                                        f"subqueries, not {_describe(node)}")
    if isinstance(node, exp.Table) and not isinstance(node.this, exp.Identifier):
        raise _reject("table_function", f"table functions such as {_describe(node.this)} are "
                                        "not allowed; name a table of this database")
    if isinstance(node, exp.Lateral) and not isinstance(node.this, exp.Subquery):
        raise _reject("table_function", "LATERAL is allowed only with a subquery")


def _check_select(node: exp.Select) -> int:
    """Checks the FROM/JOIN sources of one SELECT; returns its number of unconditioned joins."""
    if node.args.get("into") is not None:
        raise _reject("not_select", "SELECT ... INTO creates a table; only plain SELECT runs")
    if node.args.get("locks"):
        raise _reject("not_select", "FOR UPDATE/FOR SHARE is not allowed")
    from_ = node.args.get("from_")
    joins: list[exp.Join] = node.args.get("joins") or []
    if from_ is not None:
        _check_source(from_.this, "FROM")
    cross = 0
    for join in joins:
        _check_source(join.this, "JOIN")
        on = join.args.get("on")
        conditioned = (
            (on is not None and not (isinstance(on, exp.Boolean) and on.this))
            or bool(join.args.get("using"))
            or (join.method or "").upper() in _FREE_JOIN_METHODS
            or (join.kind or "").upper() in {"SEMI", "ANTI"}
        )
        cross += 0 if conditioned else 1
    if (1 if from_ is not None else 0) + len(joins) > MAX_SOURCES:
        raise _reject("joins", f"a SELECT may join at most {MAX_SOURCES} tables or subqueries")
    return cross


def _children(node: exp.Expr, skip: str | None = None) -> Iterator[exp.Expr]:
    for key, value in node.args.items():
        if key == skip:
            continue
        if isinstance(value, exp.Expr):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, exp.Expr))


def _check_tree(root: exp.Expr, tables: frozenset[str], deep_only: bool = False) -> None:
    """Walks the whole tree once; `deep_only` checks only size and depth."""
    funcs = allowed_function_classes()
    stack: list[tuple[exp.Expr, int, frozenset[str]]] = [(root, 1, frozenset())]
    nodes = cross = 0
    while stack:
        node, depth, ctes = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise _reject("too_large", f"the query has more than {MAX_NODES} syntax nodes")
        if depth > MAX_DEPTH:
            raise _reject("too_deep", f"the query is nested more than {MAX_DEPTH} levels deep")
        if deep_only:
            stack.extend((c, depth + 1, ctes) for c in _children(node))
            continue
        _check_node(node, tables, ctes, funcs)
        if isinstance(node, exp.Select):
            cross += _check_select(node)
            if cross > MAX_CROSS_JOINS:
                raise _reject("joins", f"at most {MAX_CROSS_JOINS} joins without a condition "
                                       "(comma or CROSS JOIN) are allowed; join ON a column")
        with_ = node.args.get("with_")
        if isinstance(with_, exp.With):
            if with_.args.get("recursive"):
                raise _reject("recursive", "WITH RECURSIVE is not allowed")
            visible = set(ctes)
            for cte in with_.expressions:
                if not isinstance(cte.this, _QUERY_BODIES):
                    raise _reject("not_select", f"the CTE {cte.alias!r} must be a SELECT")
                stack.append((cte, depth + 2, frozenset(visible)))
                visible.add(cte.alias_or_name.lower())
            inner = frozenset(visible)
            stack.extend((c, depth + 1, inner) for c in _children(node, skip="with_"))
        else:
            stack.extend((c, depth + 1, ctes) for c in _children(node))


def _check_node(node: exp.Expr, tables: frozenset[str], ctes: frozenset[str],
                funcs: frozenset[type[exp.Expr]]) -> None:
    if isinstance(node, _FORBIDDEN):
        raise _not_select(node)
    if isinstance(node, _PARAMETERS):
        raise _reject("parameter", "parameters and session variables are not allowed")
    if isinstance(node, exp.Query) and not isinstance(node, _QUERY_BODIES):
        raise _not_select(node)
    if isinstance(node, exp.Func):
        if isinstance(node, exp.Anonymous):
            if node.name.lower() not in ALLOWED_FUNCTIONS:
                raise _reject("function", f"the function {node.name}() is not allowed")
        elif type(node) not in funcs:
            raise _reject("function", f"the function {_func_name(node)}() is not allowed")
    elif isinstance(node, exp.Table):
        _check_table(node, tables, ctes)


def _check_table(node: exp.Table, tables: frozenset[str], ctes: frozenset[str]) -> None:
    if node.args.get("catalog") is not None or node.args.get("db") is not None:
        if node.catalog or node.db.lower() != "main":
            raise _reject("table", f"{_describe(node)}: only tables of this database (schema "
                                   "main) can be read")
    name = node.name.lower()
    if node.args.get("db") is None and name in ctes:
        return
    if name not in tables:
        raise _reject("table", f"{node.name!r} is not a table of this database")


# --- row cap --------------------------------------------------------------------------------

def _cap_rows(root: exp.Query, cap: int) -> exp.Query:
    """Sets the outermost LIMIT to min(the query's own whole-number LIMIT, cap)."""
    if isinstance(root, exp.Subquery):
        root = exp.select("*").from_(root if root.alias else root.as_("_q"))
    limit = root.args.get("limit")
    value: exp.Expr | None = None
    options = None
    if isinstance(limit, exp.Fetch):
        value, options = limit.args.get("count"), limit.args.get("limit_options")
    elif isinstance(limit, exp.Limit):
        value, options = limit.expression, limit.args.get("limit_options")
    if options is not None and (options.args.get("percent") or options.args.get("with_ties")):
        raise _reject("limit", "LIMIT ... PERCENT and WITH TIES are not allowed; give a whole "
                               "number of rows")
    if value is None or isinstance(value, exp.Null) or (
            isinstance(value, exp.Var) and value.name.upper() == "ALL"):
        rows = cap
    elif isinstance(value, exp.Literal) and not value.is_string and value.this.isdigit():
        rows = min(int(value.this), cap)
    else:
        raise _reject("limit", "LIMIT must be a whole number of rows")
    root.set("limit", exp.Limit(expression=exp.Literal.number(rows)))
    return root


# --- entry point ----------------------------------------------------------------------------

def validate(sql: str, dialect: str = "duckdb", tables: Iterable[str] | None = None, *,
             max_rows: int = 1000, cache: bool = True) -> str:
    """The DuckDB SQL to run for one user query, its rows capped at max_rows + 1.

    `tables` are the names a query may read (default: those the schema files create).
    Raises SqlRejected with a `reason`.
    """
    allowed = frozenset(t.lower() for t in (schema_tables() if tables is None else tables))
    if not isinstance(sql, str):
        raise _reject("parse", "the query must be text")
    if max_rows < 1:
        raise ValueError("max_rows must be at least 1")
    if cache and len(sql) <= MAX_CHARS:
        return _validate_cached(sql, dialect, allowed, max_rows)
    return _validate(sql, dialect, allowed, max_rows)


@lru_cache(maxsize=1024)
def _validate_cached(sql: str, dialect: str, tables: frozenset[str], max_rows: int) -> str:
    return _validate(sql, dialect, tables, max_rows)


def _parse_one(sql: str, dialect: Dialect) -> exp.Expr:
    try:
        tokens = dialect.tokenize(sql)
        _check_tokens(tokens)
        trees = [t for t in dialect.parser().parse(tokens, sql) if t is not None]
    except RecursionError:
        raise _reject("too_deep", "the query is nested too deeply to read") from None
    except SqlglotError as exc:
        raise _reject("parse", f"the query does not parse: {_first_line(exc)}") from None
    if not trees:
        raise _reject("parse", "the query is empty")
    if len(trees) > 1:
        raise _reject("multiple_statements", "only one statement is allowed; remove the ';' "
                                             "and what follows")
    return trees[0]


def _generate(tree: exp.Expr, duckdb: Dialect) -> str:
    try:
        return duckdb.generate(tree, copy=False, comments=False,
                               unsupported_level=ErrorLevel.RAISE)
    except RecursionError:
        raise _reject("too_deep", "the query is nested too deeply to write") from None
    except SqlglotError as exc:
        raise _reject("dialect", f"the query cannot be written as DuckDB SQL: "
                                 f"{_first_line(exc)}") from None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _validate(sql: str, dialect: str, tables: frozenset[str], max_rows: int) -> str:
    if dialect not in DIALECTS:
        raise _reject("dialect", f"unknown dialect {dialect!r}; use one of {', '.join(DIALECTS)}")
    _check_text(sql)
    duckdb = Dialect.get_or_raise("duckdb")
    tree = _parse_one(sql, Dialect.get_or_raise(dialect))
    if dialect != "duckdb":
        _check_tree(tree, tables, deep_only=True)
        if not isinstance(tree, exp.Query):
            raise _not_select(tree)
        tree = _parse_one(_generate(tree, duckdb), duckdb)
    if not isinstance(tree, _QUERY_BODIES):
        raise _not_select(tree)
    _check_tree(tree, tables)
    return _generate(_cap_rows(tree, max_rows + 1), duckdb)

