"""Check the pinned Python and npm dependencies against published vulnerability data.

Three outcomes, never confused:
  exit 0  every dependency was checked and none has a known vulnerability;
  exit 1  at least one dependency has a known vulnerability (listed);
  exit 2  vulnerability data could not be reached for some or all dependencies, so the audit
          was NOT done for them (and none of those checked had a known vulnerability).

pip-audit asks PyPI's JSON API for each exact version (https://pypi.org/pypi/NAME/VERSION/json);
when that address cannot be reached it reports each package as "not found on PyPI" and still
prints "No known vulnerabilities found" with exit 0. This script counts those skipped packages
so an unreachable service is never reported as a pass.

Usage: python scripts/dependency_audit.py [--service pypi|osv] [--skip-npm]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess  # nosec B404  # fixed tools only: pip-audit and npm
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEAN, VULNERABLE, UNREACHABLE = 0, 1, 2


@dataclass
class Result:
    tool: str
    checked: int = 0
    unreachable: list[str] = field(default_factory=list)
    vulnerabilities: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def outcome(self) -> int:
        if self.vulnerabilities:
            return VULNERABLE
        if self.unreachable or self.problem:
            return UNREACHABLE
        return CLEAN

    def report(self) -> str:
        if self.outcome == VULNERABLE:
            head = f"{self.tool}: {len(self.vulnerabilities)} known vulnerabilities"
            return "\n  ".join([head, *self.vulnerabilities])
        if self.outcome == UNREACHABLE:
            reason = self.problem or f"no vulnerability data for {len(self.unreachable)} of {self.checked + len(self.unreachable)} packages"
            sample = ", ".join(self.unreachable[:5]) + (" …" if len(self.unreachable) > 5 else "")
            return f"{self.tool}: VULNERABILITY DATA UNREACHABLE, audit not done ({reason}){': ' + sample if sample else ''}"
        return f"{self.tool}: no known vulnerabilities in {self.checked} packages"


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=900)  # noqa: S603  # nosec B603


def audit_python(service: str) -> Result:
    result = Result(tool=f"pip-audit ({service})")
    command = [sys.executable, "-m", "pip_audit", "-r", "requirements/dev.txt", "-f", "json", "--progress-spinner", "off"]
    done = _run([*command, "--vulnerability-service", service])
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        last_line = (done.stderr.strip().splitlines() or ["no output"])[-1]
        result.problem = f"pip-audit failed: {last_line[:300]}"
        return result
    for dependency in report.get("dependencies", []):
        label = f"{dependency['name']} {dependency.get('version', '')}".strip()
        if "skip_reason" in dependency:
            result.unreachable.append(label)
            continue
        result.checked += 1
        for vulnerability in dependency.get("vulns", []):
            fixed = ", ".join(vulnerability.get("fix_versions", [])) or "no fix yet"
            result.vulnerabilities.append(f"{label}: {vulnerability['id']} (fixed in {fixed})")
    return result


def audit_npm() -> Result:
    result = Result(tool="npm audit")
    npm = shutil.which("npm")
    if npm is None:
        result.problem = "npm is not installed"
        return result
    done = _run([npm, "audit", "--package-lock-only", "--json"])
    try:
        report = json.loads(done.stdout or "{}")
    except json.JSONDecodeError:
        report = {}
    counts = report.get("metadata", {}).get("vulnerabilities")
    if counts is None:
        # npm prints {"message": "405 Method Not Allowed - POST …/advisories/bulk", …} when the
        # registry's audit endpoint cannot be used.
        result.problem = str(report.get("message") or (done.stderr.strip().splitlines() or ["no output"])[-1])[:300]
        return result
    result.checked = int(report.get("metadata", {}).get("dependencies", {}).get("total", 0))
    for name, finding in report.get("vulnerabilities", {}).items():
        result.vulnerabilities.append(f"{name}: {finding.get('severity', '?')} ({finding.get('range', '')})")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--service", default="pypi", choices=["pypi", "osv"], help="pip-audit's vulnerability service")
    parser.add_argument("--skip-npm", action="store_true")
    options = parser.parse_args()
    results = [audit_python(options.service)]
    if not options.skip_npm:
        results.append(audit_npm())
    for result in results:
        print(result.report())
    outcome = max(result.outcome for result in results)
    print(
        {
            CLEAN: "Dependency audit: no known vulnerabilities.",
            VULNERABLE: "Dependency audit: KNOWN VULNERABILITIES FOUND. Upgrade the packages listed.",
            UNREACHABLE: "Dependency audit: NOT DONE for some packages because vulnerability data was unreachable. "
            "This is not a pass. Run `make audit` where pypi.org's JSON API (or api.osv.dev) and the npm audit endpoint can be reached.",
        }[outcome]
    )
    return outcome


if __name__ == "__main__":
    sys.exit(main())
