"""The benchmark's table, JSON summary and target checks (pure functions: no database, no timing)."""

from __future__ import annotations

from typing import Any

from bench.targets import PAGE_P95_MS, PDF_MS, median, misses, percentile, table


def page(median_ms: float, p95_ms: float, queries: int = 5) -> dict[str, Any]:
    return {"url": "/", "median_ms": median_ms, "p95_ms": p95_ms, "queries": queries, "runs": 20}


def results(**large_pages: dict[str, Any]) -> dict[str, dict[str, Any]]:
    small = {"pages": {"caseload": page(10, 20), "search": page(8, 12)}, "report": {"report_ms": 40, "sql_ms": 30, "agree": True}}
    large = {
        "pages": {"caseload": page(11, 25), "search": page(9, 13), **large_pages},
        "report": {"report_ms": 400, "sql_ms": 300, "agree": True, "dashboard_ms": 700},
        "import": {"rows": 100_000, "seconds": 50.0, "error": ""},
    }
    return {"small": small, "large": large}


def test_percentiles_use_nearest_rank() -> None:
    values = [float(v) for v in range(1, 21)]
    assert percentile(values, 0.95) == 19.0
    assert percentile([5.0], 0.95) == 5.0
    assert median([3.0, 1.0, 2.0]) == 2.0 and median([1.0, 2.0, 3.0, 4.0]) == 2.5


def test_all_targets_met_prints_ratios_and_says_so() -> None:
    text = table(results())
    assert "caseload" in text and "1.25x" in text  # 25 / 20
    assert "report (large), from raw rows (no page does this now): report 400 ms, hand-written SQL 300 ms (1.33x)" in text
    assert "import (large): 100,000 rows in 50.0 s (2,000 rows/s)" in text
    assert "p95 < 100 ms" in text and "All targets met." in text
    assert misses(results()) == []


def test_a_slow_page_and_a_bad_ratio_are_each_marked_and_raw_report_time_is_not_a_target() -> None:
    data = results()
    data["large"]["pages"]["caseload"] = page(90, PAGE_P95_MS + 1)
    data["large"]["pages"]["search"] = page(9, 40)  # 40 / 12 = 3.3x but under 100 ms
    data["large"]["report"] = {"report_ms": 1200, "sql_ms": 300, "agree": True}  # raw rows: no page reads them now
    found = {m.what for m in misses(data)}
    assert found == {"caseload p95 (large)", "caseload large/small", "search large/small"}
    text = table(data)
    search_line = next(line for line in text.splitlines() if line.startswith("search"))
    assert "3.33x" in search_line and search_line.endswith("MISS")
    assert "report vs SQL" not in text and "4.00x" in text


def test_a_page_with_its_own_target_is_held_to_it() -> None:
    pdf = {**page(400, 900), "target_ms": PDF_MS}
    assert misses(results(**{"quarterly PDF": pdf})) == []  # 900 ms: over 100 ms, under the PDF's 1 s
    slow = {**page(900, PDF_MS + 1), "target_ms": PDF_MS}
    assert [(m.what, m.target) for m in misses(results(**{"quarterly PDF": slow}))] == [("quarterly PDF p95 (large)", "< 1000 ms")]
    assert next(line for line in table(results(**{"quarterly PDF": pdf})).splitlines() if line.startswith("quarterly PDF")).endswith("ok")


def test_a_failing_page_or_disagreeing_figures_are_reported() -> None:
    data = results(register={"url": "/r/", "error": "HTTP 500"})
    data["small"]["report"]["agree"] = False
    data["large"]["report"]["stored_agree"] = False
    found = {(m.what, m.target) for m in misses(data)}
    assert ("register (large)", "HTTP 200") in found and ("report figures (small)", "identical") in found
    assert ("stored figures (large)", "identical") in found
    assert "DIFFERENT FROM the raw computation" in table(data)
    assert "error" in next(line for line in table(data).splitlines() if line.startswith("register"))


def test_one_size_alone_has_no_ratios() -> None:
    only_small = {"small": results()["small"]}
    text = table(only_small)
    assert "x  ok" not in text.replace("1.33x", "")
    assert misses(only_small) == []
