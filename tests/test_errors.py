"""One error module with kinds and no HTTP codes; one table maps kinds to HTTP problems."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import factdb
from api.errors import DOMAIN_ERRORS, SQL_STATUS, http_status
from factdb import errors
from factdb.errors import (
    FactdbError,
    InputError,
    PublishError,
    QueryDefinitionError,
    QueryFailed,
    QueryParamError,
    SchemaError,
    SqlRejected,
    TranspileError,
    UngroundedFact,
    UnknownQuery,
    UnknownTable,
    error_kinds,
)

PACKAGE = Path(factdb.__file__).parent


def test_every_error_class_of_factdb_lives_in_factdb_errors() -> None:
    defined = [(path.relative_to(PACKAGE), m.group(1))
               for path in sorted(PACKAGE.rglob("*.py"))
               for m in re.finditer(r"^class (\w+)\((?:[\w.]*Error|Exception|ValueError)",
                                    path.read_text(encoding="utf-8"), flags=re.M)]
    assert all(str(p) == "errors.py" for p, _ in defined), defined


def test_every_error_has_a_kind_and_no_http_status() -> None:
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass)
               if issubclass(c, FactdbError)]
    assert len(classes) >= 13
    kinds = error_kinds()
    for cls in classes:
        assert cls.kind in kinds, cls
        assert cls.kind in DOMAIN_ERRORS, cls
    assert not re.search(r"\b[1-5]\d\d\b", inspect.getsource(errors))  # no HTTP codes
    assert not hasattr(SqlRejected("parse", "x"), "status")


@pytest.mark.parametrize(("error", "status"), [
    (UnknownQuery("x"), 404),
    (QueryParamError("x"), 400),
    (QueryDefinitionError("x"), 500),
    (InputError("f.txt", "x"), 400),
    (SchemaError("x"), 503),
    (PublishError("x"), 400),
    (UnknownTable("x"), 400),
    (TranspileError("x"), 400),
    (UngroundedFact("x"), 400),
    (SqlRejected("parse", "x"), 400),
    (SqlRejected("too_large", "x"), 413),
    (QueryFailed("query", "x"), 400),
    (QueryFailed("timeout", "x"), 408),
    (QueryFailed("resources", "x"), 422),
    (QueryFailed("forbidden", "x"), 403),
    (QueryFailed("interrupted", "x"), 503),
    (QueryFailed("config", "x"), 500),
])
def test_the_http_table(error: FactdbError, status: int) -> None:
    assert http_status(error) == status


def test_sql_statuses_name_known_kinds() -> None:
    assert {kind for kind, _ in SQL_STATUS} <= {SqlRejected.kind, QueryFailed.kind}


def test_old_import_paths_still_work() -> None:
    from factdb.publish import PublishError as P
    from factdb.publish import UnknownTable as U
    from factdb.publish.transpile import TranspileError as T
    from factdb.queries import QueryDefinitionError as D
    from factdb.queries import QueryParamError as Q
    from factdb.queries import UnknownQuery as K
    from factdb.sqlguard import QueryError
    from factdb.sqlguard import SqlRejected as S
    from factdb.sqlrun import QueryError as R

    assert (P, U, T, D, Q, K, S) == (PublishError, UnknownTable, TranspileError,
                                     QueryDefinitionError, QueryParamError, UnknownQuery,
                                     SqlRejected)
    assert QueryError is R is errors.QueryError
    assert issubclass(UngroundedFact, ValueError)
