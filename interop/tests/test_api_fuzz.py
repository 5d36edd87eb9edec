"""Fuzz every API operation with schemathesis, generated from our own OpenAPI description:
whatever arrives, the answer is never a server error. Bounded so the suite stays quick."""

from __future__ import annotations

import json
from typing import Any

import pytest
import schemathesis
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core import NotSet

from conftest import World
from interop.tests.factories import bearer, make_token

pytestmark = pytest.mark.django_db


def _schema() -> Any:
    """The description the API serves at /api/v1/schema/ (it does not depend on the database,
    so it can be made at collection time)."""
    raw = SchemaGenerator().get_schema(request=None, public=True)  # type: ignore[no-untyped-call]  # drf-spectacular is unannotated
    return schemathesis.openapi.from_dict(json.loads(json.dumps(raw, default=str)))


def _operations() -> list[tuple[str, str]]:
    return [(result.ok().method.upper(), result.ok().path) for result in _schema().get_all_operations()]


OPERATIONS = _operations()


def test_the_served_description_is_the_fuzzed_one(client: Client) -> None:
    served = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert set(served["paths"]) == {path for _, path in OPERATIONS}


def test_every_endpoint_is_described() -> None:
    paths = {path for _, path in OPERATIONS}
    assert {"/api/v1/people/", "/api/v1/referrals/", "/api/v1/episodes/", "/api/v1/contacts/", "/api/v1/attendances/"} <= paths
    assert ("POST", "/api/v1/referrals/") in OPERATIONS


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_generated_request_causes_a_server_error(client: Client, world: World, method: str, path: str) -> None:
    operation = _schema()[path][method]
    _, secret = make_token(account=world.manager)
    _, expired = make_token(account=world.manager, expires_in_days=-1)
    headers = st.sampled_from([bearer(secret), bearer(secret), bearer(expired), {}])

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy(), auth=headers)
    def run(case: Any, auth: dict[str, Any]) -> None:
        query = {} if isinstance(case.query, NotSet) or case.query is None else case.query
        url = case.formatted_path
        if method == "GET":
            response = client.get(url, query, **auth)
        else:
            body = None if isinstance(case.body, NotSet) else case.body
            response = client.generic(method, url, json.dumps(body), content_type="application/json", **auth)
        assert response.status_code < 500, f"{method} {url} {query} -> {response.status_code}"
        assert response["Content-Type"].startswith(("application/json", "application/fhir+json"))

    run()
