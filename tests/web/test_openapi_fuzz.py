"""The API against its own OpenAPI schema, in-process (schemathesis over ASGI), with a bounded
number of generated requests per operation, as an admin (so every operation really runs):
no 5xx, and every response matches the documented status codes, content types and schemas."""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

from .conftest import make_client

EXAMPLES = 15  # per operation: bounded, so the suite stays quick
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_api_matches_its_schema(sqlite_scenario):
    client = make_client(sqlite_scenario.url)
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", client.app)
    headers = sqlite_scenario.headers("admin")
    failures, operations, calls = {}, 0, []
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            calls.append(case.call_and_validate(headers=headers, checks=CHECKS).status_code)

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure, then report them all
            failures[operation.label] = f"{type(exc).__name__}: {str(exc)[:1500]}"
    client.app.state.store.close()
    assert operations >= 24 and len(calls) >= 5 * operations  # really generated and sent
    assert sum(1 for status in calls if status < 300) >= operations  # not only refusals
    assert not failures, "\n\n".join(f"{label}\n{text}" for label, text in failures.items())
