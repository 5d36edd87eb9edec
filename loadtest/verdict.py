"""Whether a load-test run passed: kept apart from the locustfile, which imports gevent."""

from __future__ import annotations


def run_failed(*, failed_requests: int, journey_errors: int) -> bool:
    """Any failed request, or any error in a journey's own code, fails the run."""
    return failed_requests > 0 or journey_errors > 0
