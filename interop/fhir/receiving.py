"""Receiving FHIR safely: limits checked before the JSON is parsed, an OperationOutcome for every
problem, and a ServiceRequest sent twice making one referral.

- Size: a body over `STAR_FHIR_MAX_BODY_BYTES` (1 MB unless set) is refused with 413, from its
  Content-Length before reading, or after reading one byte more than the limit.
- Depth: JSON nested deeper than `MAX_NESTING` is refused with 400 before `json.loads` runs (so a
  100,000-deep array cannot exhaust the parser's recursion).
- Repeats: each `ServiceRequest.identifier` (system|value), a FHIR conditional create's
  `If-None-Exist: identifier=system|value`, and the `Idempotency-Key` header are
  recorded per sender against the referral made (`ReceivedServiceRequest`, unique in the
  database). The same request again answers 200 with the referral first made; an
  Idempotency-Key reused for a different body is refused with 422.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.db import IntegrityError, transaction

from accounts.models import User
from interop.fhir.checks import FhirProblem
from interop.models import ReceivedServiceRequest
from referrals.models import Referral

DEFAULT_MAX_BODY_BYTES = 1_000_000
MAX_NESTING = 64
MAX_KEY_LENGTH = 500
IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,255}")
STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKETS = {ord("["): "(", ord("{"): "(", ord("]"): ")", ord("}"): ")"}

# FHIR issue-type codes (http://hl7.org/fhir/issue-type) for each HTTP status.
ISSUE_CODES = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    406: "not-supported",
    409: "conflict",
    413: "too-costly",
    415: "not-supported",
    422: "business-rule",
    429: "throttled",
}


def max_body_bytes() -> int:
    return int(getattr(settings, "STAR_FHIR_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES))


def operation_outcome(problems: list[str], *, code: str = "invalid") -> dict[str, Any]:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": code, "diagnostics": problem} for problem in problems],
    }


def issue_code(status: int) -> str:
    return ISSUE_CODES.get(status, "exception" if status >= 500 else "processing")


def nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest, without parsing (brackets inside strings ignored)."""
    depth = deepest = 0
    for bracket in STRINGS.sub("", text).translate(BRACKETS):
        if bracket == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif bracket == ")":
            depth -= 1
    return deepest


class BodyTooLarge(Exception):
    pass


class BadJson(Exception):
    pass


def parse_body(raw: bytes) -> Any:
    """The JSON body, or BadJson saying what is wrong. The size is checked by the caller."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadJson("Send the body as UTF-8 JSON") from error
    if not text.strip():
        raise BadJson("The body is empty: send a FHIR Bundle or ServiceRequest as JSON")
    if nesting_depth(text) > MAX_NESTING:
        raise BadJson(f"The JSON is nested more than {MAX_NESTING} levels deep")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise BadJson(f"The body is not valid JSON: {error}") from error


# --- sending the same ServiceRequest twice ------------------------------------------------------


@dataclass(frozen=True)
class SentKey:
    kind: str
    key: str


def _service_request(resource: Any) -> dict[str, Any] | None:
    if not isinstance(resource, dict):
        return None
    if resource.get("resourceType") == "ServiceRequest":
        return resource
    if resource.get("resourceType") == "Bundle" and isinstance(resource.get("entry"), list):
        found = [
            entry["resource"]
            for entry in resource["entry"]
            if isinstance(entry, dict)
            and isinstance(entry.get("resource"), dict)
            and entry["resource"].get("resourceType") == "ServiceRequest"
        ]
        return found[0] if len(found) == 1 else None
    return None


def if_none_exist(header: str | None) -> SentKey | None:
    """FHIR conditional create: `If-None-Exist: identifier=system|value` (only identifier)."""
    if header is None:
        return None
    name, _, value = header.strip().partition("=")
    system, bar, code = unquote(value).partition("|")
    if name != "identifier" or not bar or not system or not code:
        raise FhirProblem(
            ["If-None-Exist: STaR supports only identifier=system|value, such as identifier=https://example.org/referrals|RF-1"]
        )
    key = f"{system}|{code}"
    if len(key) > MAX_KEY_LENGTH:
        raise FhirProblem([f"If-None-Exist: system and value together must be {MAX_KEY_LENGTH} characters or fewer"])
    return SentKey(ReceivedServiceRequest.Kind.IDENTIFIER, key)


def sent_keys(resource: Any, idempotency_key: str | None, condition: str | None = None) -> list[SentKey]:
    """What identifies this request for its sender. Raises FhirProblem for an unusable key."""
    keys: list[SentKey] = []
    if (conditional := if_none_exist(condition)) is not None:
        keys.append(conditional)
    if idempotency_key is not None:
        if not IDEMPOTENCY_KEY.fullmatch(idempotency_key):
            raise FhirProblem(["Idempotency-Key: send 1 to 255 printable characters with no spaces, such as a UUID"])
        keys.append(SentKey(ReceivedServiceRequest.Kind.IDEMPOTENCY_KEY, idempotency_key))
    request = _service_request(resource)
    identifiers = request.get("identifier", []) if request else []
    for identifier in identifiers if isinstance(identifiers, list) else []:
        if not isinstance(identifier, dict):
            continue
        system, value = identifier.get("system"), identifier.get("value")
        if isinstance(system, str) and isinstance(value, str) and system and value:
            key = f"{system}|{value}"
            if len(key) > MAX_KEY_LENGTH:
                raise FhirProblem([f"ServiceRequest.identifier: system and value together must be {MAX_KEY_LENGTH} characters or fewer"])
            keys.append(SentKey(ReceivedServiceRequest.Kind.IDENTIFIER, key))
    return list(dict.fromkeys(keys))


def body_hash(resource: Any) -> str:
    return hashlib.sha256(json.dumps(resource, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


class KeyReused(Exception):
    """An Idempotency-Key already used by this sender for a different request."""


def earlier(*, sender: User, keys: list[SentKey], digest: str) -> Referral | None:
    """The referral already made for any of these keys, or None. Raises KeyReused."""
    if not keys:
        return None
    found = list(
        ReceivedServiceRequest.objects.filter(sender=sender, kind__in={k.kind for k in keys}, key__in={k.key for k in keys})
        .select_related("referral", "referral__person")
        .order_by("received_at", "id")
    )
    found = [row for row in found if SentKey(row.kind, row.key) in keys]
    if any(row.kind == ReceivedServiceRequest.Kind.IDEMPOTENCY_KEY and row.body_sha256 != digest for row in found):
        raise KeyReused("This Idempotency-Key was already used for a different request: send a new key for a new referral")
    return found[0].referral if found else None


def receive_once(
    *, sender: User, resource: Any, idempotency_key: str | None, create: Callable[[], Referral], condition: str | None = None
) -> tuple[Referral, bool]:
    """(referral, created): `create` runs only when no earlier request had these keys; if another
    copy of the request wins the race, this one's referral is rolled back and theirs returned."""
    keys = sent_keys(resource, idempotency_key, condition)
    digest = body_hash(resource)
    made_before = earlier(sender=sender, keys=keys, digest=digest)
    if made_before is not None:
        return made_before, False
    try:
        with transaction.atomic():
            referral = create()
            ReceivedServiceRequest.objects.bulk_create(
                [ReceivedServiceRequest(sender=sender, kind=k.kind, key=k.key, body_sha256=digest, referral=referral) for k in keys]
            )
    except IntegrityError:
        made_before = earlier(sender=sender, keys=keys, digest=digest)
        if made_before is None:
            raise
        return made_before, False
    return referral, True
