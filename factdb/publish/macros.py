"""factdb's SQL macros (``CREATE MACRO`` in factdb/sql/schema/) expanded in a sqlglot tree,
as DuckDB expands them: SQLite, which serves the Datasette copy, has no macros."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import sqlglot
from sqlglot import exp

from factdb.errors import TranspileError


@dataclass(frozen=True)
class Macro:
    """A DuckDB macro of the schema: parameters and body (an expression, or a query for a
    table macro)."""

    name: str
    params: tuple[str, ...]
    body: exp.Expr

    @property
    def is_table(self) -> bool:
        # AS TABLE SELECT ... is a table macro; AS (SELECT ...) a scalar subquery
        return isinstance(self.body, exp.Query) and not isinstance(self.body, exp.Subquery)

    def expand(self, args: list[exp.Expr]) -> exp.Expr:
        if len(args) != len(self.params):
            raise TranspileError(f"{self.name}() takes {len(self.params)} arguments, "
                                 f"got {len(args)}")
        values = dict(zip(self.params, args, strict=True))
        body = self.body.copy()
        for column in list(body.find_all(exp.Column)):
            if not column.table and column.name.lower() in values:
                arg = values[column.name.lower()].copy()
                if not isinstance(arg, exp.Column | exp.Literal | exp.Func | exp.Placeholder
                                  | exp.Dot | exp.Paren):
                    arg = exp.Paren(this=arg)
                if column is body:
                    body = arg
                else:
                    column.replace(arg)
        return body


@cache
def schema_macros() -> dict[str, Macro]:
    """The macros the migrations create, by lower-case name."""
    from factdb import db

    out: dict[str, Macro] = {}
    for _, _, path in db.migrations():
        text = path.read_text(encoding="utf-8")
        if "MACRO" not in text.upper():
            continue
        for statement in sqlglot.parse(text, read="duckdb"):
            if not (isinstance(statement, exp.Create)
                    and str(statement.args.get("kind", "")).upper() == "MACRO"):
                continue
            udf = statement.this
            name = udf.name.lower() if not isinstance(udf.this, exp.Table) else \
                udf.this.name.lower()
            params = tuple(p.name.lower() for p in udf.expressions)
            out[name] = Macro(name, params, statement.expression)
    return out


def expand_macros(tree: exp.Expr, macros: Mapping[str, Macro] | None = None) -> exp.Expr:
    """The tree with every macro call replaced by the macro's body (as DuckDB expands it):
    a scalar macro by its expression, a table macro in FROM/JOIN by a subquery."""
    macros = schema_macros() if macros is None else macros
    for _ in range(16):  # macros may call macros
        calls = [n for n in tree.find_all(exp.Anonymous) if n.name.lower() in macros]
        if not calls:
            return tree
        for call in calls:
            macro = macros[call.name.lower()]
            body = macro.expand(list(call.expressions))
            if macro.is_table:
                table = call.parent
                if not isinstance(table, exp.Table):
                    raise TranspileError(f"table macro {macro.name}() used as a value")
                sub = exp.Subquery(this=body, alias=table.args.get("alias"))
                table.replace(sub)
            elif call is tree:
                tree = body
            else:
                call.replace(body)
    raise TranspileError("macros nested too deep")
