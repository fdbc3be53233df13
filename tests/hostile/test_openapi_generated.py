"""Generated requests against the OpenAPI document (schemathesis): the document matches the
server, and no request gets a 5xx (issue 14, item 4).

Every operation of /schema/openapi.json gets a bounded number of generated requests (valid
and invalid bodies, query strings and path parameters); each response must be documented
(status code, content type, body schema) and none may be a server error. The run is
bounded: MAX_EXAMPLES per operation, with no shrinking deadline.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.app import create_app
from api.settings import ApiSettings
from factdb.sqlpool import PoolLimits, SqlPool
from tests.test_queries import build_fixture_db

MAX_EXAMPLES = 25


POOL: list[SqlPool] = []


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = build_fixture_db(tmp_path_factory.mktemp("openapi") / "fixture.duckdb")
    application = create_app(ApiSettings(db_path=str(path), sql_rate_limit_per_minute=0,
                                         cache_bytes=0, sql_cache_entries=0, sql_workers=1))
    # the worker the app's startup hook would start (schemathesis' client may not run it)
    pool = SqlPool(str(path), PoolLimits(workers=1))
    POOL.append(pool)
    application.state.sql_pool = pool
    yield application
    pool.close()


@pytest.fixture(scope="module")
def operations(app: Any) -> dict[str, Any]:
    schema = schemathesis.openapi.from_asgi("/schema/openapi.json", app)
    out = {}
    for result in schema.get_all_operations():
        op = result.ok()
        out[op.label] = op
    return out


def test_the_server_keeps_to_its_openapi_document(operations: dict[str, Any]) -> None:
    """Every operation, MAX_EXAMPLES generated requests each; the failures are listed."""
    failures: list[str] = []
    for label, op in sorted(operations.items()):

        @given(case=op.as_strategy())  # valid and invalid requests
        @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
                  suppress_health_check=list(HealthCheck), database=None,
                  phases=[Phase.explicit, Phase.generate])
        def check(case: Any) -> None:
            # every check but positive_data_acceptance: a document cannot say which strings
            # are SQL the guard accepts, or values a named query can bind (400 is right)
            response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
            assert response.status_code < 500, response.text

        try:
            check()
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # a FailureGroup: collected, reported together below
            failures.append(f"{label}: {str(exc)[:800]}")
    assert failures == []


def test_every_operation_is_exercised(operations: dict[str, Any], app: Any) -> None:
    """The run above covers the whole document, and the SQL route ran in a worker process."""
    assert {"POST /v1/sql", "GET /health", "GET /v1/articles"} <= set(operations)
    assert len(operations) >= 20
    assert POOL and POOL[0].served > 0
