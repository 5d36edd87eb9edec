"""The dependency audit never reports unreachable vulnerability data as a pass (ASVS V15.2.1)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "dependency_audit.py"


@pytest.fixture
def audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dependency_audit", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def answering(stdout: Any, stderr: str = "") -> Any:
    def run(command: list[str]) -> subprocess.CompletedProcess[str]:
        text = stdout if isinstance(stdout, str) else json.dumps(stdout)
        return subprocess.CompletedProcess(command, 0, stdout=text, stderr=stderr)

    return run


def test_packages_pypi_could_not_answer_for_make_the_audit_unreachable(audit: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    # What pip-audit 2.10.1 printed on the build machine: exit 0, "No known vulnerabilities found".
    skipped = {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}]}
    monkeypatch.setattr(audit, "_run", answering(skipped))
    result = audit.audit_python("pypi")
    assert result.outcome == audit.UNREACHABLE
    assert "UNREACHABLE" in result.report() and "1 of 1" in result.report()


def test_a_known_vulnerability_is_reported_with_its_fix(audit: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"]}]},
            {"name": "skipped", "skip_reason": "not found"},
        ]
    }
    monkeypatch.setattr(audit, "_run", answering(report))
    result = audit.audit_python("pypi")
    assert result.outcome == audit.VULNERABLE
    assert "django 5.2.0: PYSEC-2025-1 (fixed in 5.2.1)" in result.report()


def test_clean_only_when_every_package_was_checked(audit: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "_run", answering({"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}))
    result = audit.audit_python("pypi")
    assert result.outcome == audit.CLEAN and result.report() == "pip-audit (pypi): no known vulnerabilities in 1 packages"


def test_a_crashed_pip_audit_is_unreachable(audit: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "_run", answering("", "requests.exceptions.ConnectionError: api.osv.dev"))
    assert audit.audit_python("osv").outcome == audit.UNREACHABLE


def test_npm_audit_endpoint_refusing_is_unreachable(audit: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    refused = {"message": "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk"}
    monkeypatch.setattr(audit, "_run", answering(refused))
    result = audit.audit_npm()
    assert result.outcome == audit.UNREACHABLE and "405 Method Not Allowed" in result.report()
    clean = {"vulnerabilities": {}, "metadata": {"vulnerabilities": {"total": 0}, "dependencies": {"total": 3}}}
    monkeypatch.setattr(audit, "_run", answering(clean))
    assert audit.audit_npm().outcome == audit.CLEAN
