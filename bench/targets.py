"""The performance targets (DESIGN.md section 5) and the results table `make bench` prints.

Pure functions over the JSON the measuring runs write, so they are tested without a database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PAGE_P95_MS = 100.0
PDF_MS = 1000.0  # the quarterly report's PDF, a page with its own target
PAGE_RATIO = 1.5  # large / small

TARGETS_TEXT = (
    f"Targets: every page p95 < {PAGE_P95_MS:.0f} ms (the quarterly PDF < {PDF_MS / 1000:.0f} s) and large/small <= {PAGE_RATIO}x;"
    " the report's figures equal the hand-written SQL, and the stored figures equal the raw computation."
)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share 0.95 -> p95) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-int(share * 100) * len(ordered) // 100))  # ceil(share * n)
    return ordered[min(rank, len(ordered)) - 1]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class Miss:
    what: str
    measured: str
    target: str

    def __str__(self) -> str:
        return f"MISS {self.what}: {self.measured} (target {self.target})"


def _ratio(large: float | None, small: float | None) -> float | None:
    if large is None or not small:
        return None
    return large / small


def misses(results: dict[str, dict[str, Any]]) -> list[Miss]:
    """Every target missed by the sizes measured (ratios only when both small and large ran)."""
    found: list[Miss] = []
    small, large = results.get("small"), results.get("large")
    for size, result in results.items():
        for name, page in result.get("pages", {}).items():
            if page.get("error"):
                found.append(Miss(f"{name} ({size})", page["error"], "HTTP 200"))
            elif page["p95_ms"] >= (target := page.get("target_ms", PAGE_P95_MS)):
                found.append(Miss(f"{name} p95 ({size})", f"{page['p95_ms']:.1f} ms", f"< {target:.0f} ms"))
        report = result.get("report")
        if report:
            if not report.get("agree", False):
                found.append(Miss(f"report figures ({size})", "differ from the SQL", "identical"))
            if not report.get("stored_agree", True):
                found.append(Miss(f"stored figures ({size})", "differ from the raw computation", "identical"))
    if small and large:
        for name, page in large.get("pages", {}).items():
            base = small.get("pages", {}).get(name)
            if not base or page.get("error") or base.get("error"):
                continue
            ratio = _ratio(page["p95_ms"], base["p95_ms"])
            if ratio is not None and ratio > PAGE_RATIO:
                found.append(Miss(f"{name} large/small", f"{ratio:.2f}x", f"<= {PAGE_RATIO}x"))
    return found


def table(results: dict[str, dict[str, Any]]) -> str:
    """Plain-text table: one row per page, median/p95/queries per size, then the ratio and marks."""
    sizes = [size for size in ("small", "city", "large") if size in results]
    names: list[str] = []
    for size in sizes:
        names += [name for name in results[size].get("pages", {}) if name not in names]
    head = f"{'page':<22}" + "".join(f"{size + ' med':>11}{'p95':>9}{'q':>5}{'load':>6}" for size in sizes) + f"{'ratio':>8}  ok"
    lines = [head, "-" * len(head)]
    for name in names:
        cells = f"{name:<22}"
        marks = []
        for size in sizes:
            page = results[size].get("pages", {}).get(name)
            if page is None or page.get("error"):
                cells += f"{'error' if page else '-':>11}{'':>9}{'':>5}{'':>6}"
                marks.append("x" if page else "")
                continue
            load = page.get("load")
            cells += f"{page['median_ms']:>11.1f}{page['p95_ms']:>9.1f}{page['queries']:>5}{'' if load is None else f'{load:.1f}':>6}"
            if page["p95_ms"] >= page.get("target_ms", PAGE_P95_MS):
                marks.append("x")
        ratio = None
        if "small" in results and "large" in results:
            large, small = results["large"].get("pages", {}).get(name), results["small"].get("pages", {}).get(name)
            if large and small and not large.get("error") and not small.get("error"):
                ratio = _ratio(large["p95_ms"], small["p95_ms"])
        if ratio is not None and ratio > PAGE_RATIO:
            marks.append("x")
        cells += f"{'' if ratio is None else f'{ratio:.2f}x':>8}  {'MISS' if 'x' in marks else 'ok'}"
        lines.append(cells)
    for size in sizes:
        report = results[size].get("report")
        if report:
            ratio = _ratio(report["report_ms"], report["sql_ms"])
            lines.append(
                f"report ({size}), from raw rows (no page does this now): report {report['report_ms']:.0f} ms,"
                f" hand-written SQL {report['sql_ms']:.0f} ms ({'' if ratio is None else f'{ratio:.2f}x'}),"
                f" whole dashboard {report.get('dashboard_ms', 0):.0f} ms, figures {'agree' if report.get('agree') else 'DIFFER'};"
                f" dashboard from the figures store {report.get('dashboard_stored_ms', 0):.0f} ms,"
                f" {'equal to' if report.get('stored_agree', True) else 'DIFFERENT FROM'} the raw computation"
            )
        imported = results[size].get("import")
        if imported:
            lines.append(
                f"import ({size}): {imported['rows']:,} rows in {imported['seconds']:.1f} s"
                f" ({imported['rows'] / max(imported['seconds'], 1e-9):,.0f} rows/s)"
                + (f" FAILED: {imported['error']}" if imported.get("error") else "")
            )
    lines.append(TARGETS_TEXT)
    found = misses(results)
    lines += [str(miss) for miss in found] or ["All targets met."]
    return "\n".join(lines)
