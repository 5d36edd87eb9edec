"""The old addresses of pages that moved to their app's prefix (star/moved.py): a permanent
redirect for everyone, signed in or not; the page it leads to makes its own checks."""

import uuid
from typing import Any

from star.moved import MOVED as MOVED_PREFIXES
from star.tests.access_matrix import MOVED, Kwargs, case

ARGUMENTS: dict[str, dict[str, Any]] = {"person_signposting": {"person_id": uuid.UUID(int=1)}, "drop_in_signposting": {"session_id": 1}}


def _old(name: str) -> Kwargs:
    return lambda world: {"rest": "", **ARGUMENTS.get(name, {})}


EXPECTATIONS = {f"moved:{name}": case(anonymous=MOVED, default=MOVED, kwargs=_old(name)) for name, _, _ in MOVED_PREFIXES}
