"""Pagination parameters for the NHS pagination component."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page


def pagination_params(page: Page[Any], base_query: str = "") -> dict[str, Any]:
    """Previous and next links that keep the rest of the query string."""
    prefix = f"?{base_query}&" if base_query else "?"
    params: dict[str, Any] = {}
    if page.has_previous():
        params["previous"] = {"href": f"{prefix}page={page.previous_page_number()}", "labelText": f"Page {page.previous_page_number()}"}
    if page.has_next():
        params["next"] = {"href": f"{prefix}page={page.next_page_number()}", "labelText": f"Page {page.next_page_number()}"}
    return params
