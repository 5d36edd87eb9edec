"""Run by `test_read_replica.py` in a fresh interpreter against a private primary and its
streaming replica (DATABASE_URL, DATABASE_REPLICA_URLS): which database each page read from, as
JSON. Usage: python -m failure_tests.replica_reads reads|down"""

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
    from django.db import connections
    from django.test import Client

    from accounts.roles import Role
    from accounts.tests.factories import UserFactory
    from community.tests.factories import ActivityFactory
    from conftest import sign_in
    from core import replicas

    used: Counter[str] = Counter()

    def counting(alias: str) -> Callable[..., Any]:
        def wrapper(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
            used[alias] += 1
            return execute(sql, params, many, context)

        return wrapper

    def reads(path: str, client: Client) -> dict[str, Any]:
        used.clear()
        replicas.forget_health()
        with connections["default"].execute_wrapper(counting("default")), connections["replica_0"].execute_wrapper(counting("replica_0")):
            response = client.get(path)
        return {
            "status": response.status_code,
            "replica": used["replica_0"],
            "primary": used["default"],
            "pinned": replicas.PIN_COOKIE in response.cookies,
        }

    result: dict[str, Any] = {}
    if phase == "reads":
        ActivityFactory(name="Walking group")
        manager = UserFactory.create(role=Role.MANAGER)
        # Wait for the replica to have replayed it.
        for _ in range(100):
            with connections["replica_0"].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM community_activity")
                if cursor.fetchone()[0]:
                    break
            time.sleep(0.1)
        public = Client()
        result["oruk"] = reads("/openreferral/services?search=walk", public)
        result["directory"] = reads("/community/find/?q=walk", public)
        staff = sign_in(Client(), manager)
        result["search"] = reads("/people/?q=ab", staff)
        # A write (the sign-out form is a POST that writes) pins this browser to the primary.
        response = staff.post("/sign-out/")
        result["write_sets_pin"] = replicas.PIN_COOKIE in response.cookies
        result["after_write"] = reads("/openreferral/services?search=walk", staff)
        # Replay paused on the replica while the primary writes: it falls behind, reads go home.
        with connections["replica_0"].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_pause()")
        for _ in range(3):
            ActivityFactory()
            time.sleep(0.8)
        result["lagging"] = reads("/openreferral/services?search=walk", Client())
        with connections["replica_0"].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")
    elif phase == "down":
        result["down"] = reads("/openreferral/services?search=walk", Client())
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
