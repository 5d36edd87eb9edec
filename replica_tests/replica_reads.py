"""Run by `test_read_replica.py` in a fresh interpreter against a private primary and its
streaming replica (DATABASE_URL, DATABASE_REPLICA_URLS): which database each page read from, as
JSON. Usage: python -m replica_tests.replica_reads reads|down|hung"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any


def main(phase: str) -> dict[str, Any]:
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # "testserver" is an allowed host
    import psycopg
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    from accounts.roles import Role
    from accounts.tests.factories import UserFactory
    from community.tests.factories import ActivityFactory
    from conftest import sign_in
    from core import replicas

    used: Counter[str] = Counter()
    in_recovery: dict[str, bool] = {}

    def counting(alias: str) -> Callable[..., Any]:
        def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
            used[alias] += 1
            return execute(sql, params, many, context)

        return wrapper

    def reads(path: str, client: Client) -> dict[str, Any]:
        used.clear()
        replicas.forget_health()
        started = time.monotonic()
        with connections["default"].execute_wrapper(counting("default")), connections["replica_0"].execute_wrapper(counting("replica_0")):
            response = client.get(path)
        return {
            "status": response.status_code,
            "replica": used["replica_0"],
            "primary": used["default"],
            "pinned": replicas.PIN_COOKIE in response.cookies,
            "seconds": round(time.monotonic() - started, 3),
            "text": response.content.decode(errors="replace")[:20000] if response.get("Content-Type", "").startswith("text/html") else "",
        }

    def replayed(check: str, params: tuple[Any, ...] = ()) -> None:
        for _ in range(100):
            with connections["replica_0"].cursor() as cursor:
                cursor.execute(check, params)
                if cursor.fetchone()[0]:
                    return
            time.sleep(0.1)
        raise TimeoutError(check)

    result: dict[str, Any] = {}
    if phase == "reads":
        ActivityFactory.create(name="Walking group")
        manager = UserFactory.create(role=Role.MANAGER, username="manager-reads")
        replayed("SELECT count(*) FROM community_activity")
        public = Client()
        result["oruk"] = reads("/openreferral/services?search=walk", public)
        result["directory"] = reads("/community/find/?q=walk", public)
        staff = sign_in(Client(), manager)
        replayed("SELECT count(*) FROM otp_totp_totpdevice WHERE user_id = %s", (manager.pk,))
        # The report page: and the connection it read from is the hot standby.
        result["report"] = reads("/reports/", staff)
        with connections["replica_0"].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            in_recovery["replica_0"] = cursor.fetchone()[0]
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            in_recovery["default"] = cursor.fetchone()[0]
        result["in_recovery"] = in_recovery
        result["pdf"] = reads("/reports/report.pdf", staff)
        result["search"] = reads("/people/?q=ab", staff)
        # The replica's connection is cut while the page is reading: answered from the primary.
        cut = Counter[str]()

        def cut_after_the_check(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
            cut["queries"] += 1
            if cut["queries"] == 2:
                pid = connections["replica_0"].connection.info.backend_pid
                replica = settings.DATABASES["replica_0"]
                with psycopg.connect(
                    host=replica["HOST"], port=int(replica["PORT"]), user=replica["USER"], dbname=replica["NAME"], autocommit=True
                ) as killer:
                    killer.execute("SELECT pg_terminate_backend(%s)", [pid])
                time.sleep(0.2)
            return execute(sql, params, many, context)

        with connections["replica_0"].execute_wrapper(cut_after_the_check):
            result["cut_mid_page"] = reads("/reports/", staff)
        result["after_cut"] = reads("/openreferral/services?search=walk", public)
        # A form sent (signing out is a POST) pins this browser to the primary.
        response = staff.post("/sign-out/")
        result["write_sets_pin"] = replicas.PIN_COOKIE in response.cookies
        result["after_write"] = reads("/openreferral/services?search=walk", staff)
        # Replay paused on the replica while the primary writes: it falls behind, reads go home.
        with connections["replica_0"].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_pause()")
        for _ in range(3):
            ActivityFactory.create()
            time.sleep(0.6)
        result["lagging"] = reads("/openreferral/services?search=walk", Client())
        with connections["replica_0"].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")
        replayed("SELECT count(*) >= 4 FROM community_activity")
        result["caught_up"] = reads("/openreferral/services?search=walk", Client())
        # An idle primary: the replay timestamp grows old, but nothing is missing.
        time.sleep(2.5)
        result["idle"] = reads("/openreferral/services?search=walk", Client())
    elif phase in ("down", "hung"):
        from django.test import override_settings

        with override_settings(STAR_REPLICA_DATABASES=()):  # the first page's one-off costs, not timed
            Client().get("/openreferral/services?search=walk")
        result[phase] = reads("/openreferral/services?search=walk", Client())
        result[f"{phase}_again"] = reads("/reports/", sign_in(Client(), UserFactory.create(role=Role.MANAGER, username=f"manager-{phase}")))
    for seen in result.values():
        if isinstance(seen, dict):
            seen.pop("text", None)
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
