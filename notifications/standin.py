"""A stand-in for GOV.UK Notify's API, for `make run` and the tests: the same endpoints and JSON
as Notify's v2 API, as far as `notifications-python-client` uses them (send a text, an email or a
letter; get one notification), authenticated the same way (a JWT signed with the API key's
secret). What it "sends" is kept in memory, newest first, and listed at /dev/notify/.

It is served two ways: by Django views at /v2/notifications/… on the running server (loopback:
the client calls the server it runs in), and in the tests by `InProcessAdapter`, which hands the
client's HTTP request straight to `handle` so the real client does the whole round trip without a
socket. Nothing here touches the database: the template's words come from `lookup`."""

from __future__ import annotations

import json
import threading
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from notifications_python_client.authentication import decode_jwt_token, get_token_issuer
from notifications_python_client.errors import TokenError

from notifications.placeholders import MissingPersonalisation, fill

# The stand-in's own API key, in Notify's shape: <key name>-<service id>-<secret>.
SERVICE_ID = "5ca1ab1e-0000-4000-8000-000000000001"
SECRET = "5ca1ab1e-0000-4000-8000-0000000000ff"  # noqa: S105  # nosec B105: the stand-in's own key, public by design
API_KEY = f"star-stand-in-{SERVICE_ID}-{SECRET}"
KEPT = 500

# A template's (channel, subject, body) by its id, or None.
Lookup = Callable[[str], tuple[str, str, str] | None]


@dataclass
class Sent:
    id: str
    type: str
    to: str
    template_id: str
    subject: str
    body: str
    reference: str
    created_at: datetime
    status: str = "sending"
    personalisation: dict[str, Any] = field(default_factory=dict)


_sent: deque[Sent] = deque(maxlen=KEPT)
_lock = threading.Lock()


def sent() -> list[Sent]:
    """What the stand-in has "sent", newest first."""
    with _lock:
        return list(reversed(_sent))


def forget() -> None:
    with _lock:
        _sent.clear()


def _error(status: int, kind: str, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"status_code": status, "errors": [{"error": kind, "message": message}]}


def _authenticated(authorization: str) -> str | None:
    """None if the bearer token is Notify-valid for the stand-in's key, else the reason."""
    scheme, _, token = authorization.partition(" ")
    if scheme != "Bearer" or not token:
        return "Unauthorized: authentication token must be provided"
    try:
        if get_token_issuer(token) != SERVICE_ID:  # type: ignore[no-untyped-call]  # notifications-python-client is unannotated
            return "Invalid token: service not found"
        decode_jwt_token(token, SECRET)  # type: ignore[no-untyped-call]  # notifications-python-client is unannotated
    except TokenError as problem:
        return f"Invalid token: {problem.message}"
    return None


def handle(method: str, path: str, authorization: str, body: bytes, lookup: Lookup) -> tuple[int, dict[str, Any]]:
    """One API request: (HTTP status, JSON body), as Notify would answer it."""
    refused = _authenticated(authorization)
    if refused:
        return _error(403, "AuthError", refused)
    parts = [part for part in path.split("/") if part]
    if parts[:2] != ["v2", "notifications"] or len(parts) != 3:
        return _error(404, "NotFound", "Not found")
    if method == "GET":
        return _get(parts[2])
    if method != "POST" or parts[2] not in ("sms", "email", "letter"):
        return _error(405, "MethodNotAllowed", "Method not allowed")
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        return _error(400, "BadRequestError", "Invalid JSON supplied in POST data")
    return _send(parts[2], data, lookup)


def _recipient(kind: str, data: dict[str, Any], personalisation: dict[str, Any]) -> str | None:
    if kind == "sms":
        return str(data.get("phone_number") or "") or None
    if kind == "email":
        return str(data.get("email_address") or "") or None
    lines = [str(personalisation.get(f"address_line_{n}", "")).strip() for n in range(1, 8)]
    lines = [line for line in lines if line]
    return ", ".join(lines) if len(lines) >= 3 else None


def _send(kind: str, data: dict[str, Any], lookup: Lookup) -> tuple[int, dict[str, Any]]:
    template_id = str(data.get("template_id") or "")
    personalisation = data.get("personalisation") or {}
    if not isinstance(personalisation, dict):
        return _error(400, "ValidationError", "personalisation is not of type object")
    template = lookup(template_id)
    if template is None or template[0] != kind:
        return _error(400, "BadRequestError", f"Template not found for {kind}")
    to = _recipient(kind, data, personalisation)
    if to is None:
        what = {"sms": "phone_number", "email": "email_address", "letter": "address: at least 3 lines"}[kind]
        return _error(400, "ValidationError", f"{what} is a required property")
    _, subject, words = template
    try:
        filled_subject, filled_body = fill(subject, personalisation), fill(words, personalisation)
    except MissingPersonalisation as problem:
        return _error(400, "BadRequestError", str(problem))
    notification = Sent(
        id=str(uuid.uuid4()),
        type=kind,
        to=to,
        template_id=template_id,
        subject=filled_subject,
        body=filled_body,
        reference=str(data.get("reference") or ""),
        created_at=datetime.now(UTC),
        personalisation=personalisation,
    )
    with _lock:
        _sent.append(notification)
    content: dict[str, Any] = {"body": filled_body}
    if kind == "sms":
        content["from_number"] = "STaR"
    elif kind == "email":
        content.update(subject=filled_subject, from_email="star@notifications.service.gov.uk", one_click_unsubscribe_url=None)
    else:
        content["subject"] = filled_subject
    answer: dict[str, Any] = {
        "id": notification.id,
        "reference": notification.reference or None,
        "content": content,
        "uri": f"/v2/notifications/{notification.id}",
        "template": {"id": template_id, "version": 1, "uri": f"/v2/template/{template_id}"},
    }
    if kind == "letter":
        answer["scheduled_for"] = None
    return 201, answer


def _get(notification_id: str) -> tuple[int, dict[str, Any]]:
    with _lock:
        found = next((item for item in _sent if item.id == notification_id), None)
    if found is None:
        return _error(404, "NoResultFound", "No result found")
    return 200, {
        "id": found.id,
        "reference": found.reference or None,
        "email_address": found.to if found.type == "email" else None,
        "phone_number": found.to if found.type == "sms" else None,
        "type": found.type,
        "status": found.status,
        "template": {"id": found.template_id, "version": 1, "uri": f"/v2/template/{found.template_id}"},
        "body": found.body,
        "subject": found.subject or None,
        "created_at": found.created_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "created_by_name": None,
        "sent_at": found.created_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "completed_at": None,
    }


def mark(notification_id: str, status: str) -> Sent | None:
    """Change what the stand-in reports for a notification (as Notify would after delivery)."""
    with _lock:
        found = next((item for item in _sent if item.id == notification_id), None)
        if found is not None:
            found.status = status
    return found


class InProcessAdapter(requests.adapters.BaseAdapter):
    """Answers the client's HTTP requests by calling `handle` directly (tests)."""

    def __init__(self, lookup: Lookup) -> None:
        super().__init__()
        self.lookup = lookup

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        body = request.body or b""
        status, answer = handle(
            str(request.method),
            urlsplit(str(request.url)).path,
            str(request.headers.get("Authorization", "")),
            body.encode() if isinstance(body, str) else bytes(body) if isinstance(body, bytes) else b"",
            self.lookup,
        )
        response = requests.Response()
        response.status_code = status
        response._content = json.dumps(answer).encode()
        response.headers["Content-Type"] = "application/json"
        response.url = str(request.url)
        response.request = request
        return response

    def close(self) -> None:
        pass
