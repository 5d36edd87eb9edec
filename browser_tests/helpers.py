"""Signing in and filling dates through the pages, as people do, for browser journeys."""

from __future__ import annotations

import datetime

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from accounts.models import User
from accounts.tests.factories import TEST_PASSWORD


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in_through_pages(page: Page, base_url: str, user: User) -> None:
    """Username and password, then the authenticator code for roles that need two-factor."""
    device = None
    if user.requires_two_factor:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="Phone", confirmed=True
        )
    page.goto(f"{base_url}/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.get_by_label("Security code").fill(current_code(device))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base_url}/")


def fill_date(page: Page, legend: str, day: datetime.date) -> None:
    """The day, month and year boxes of the date question with this legend."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
