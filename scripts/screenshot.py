"""Take screenshots of STaR pages in headless Chromium, signed in as a demo account.

    .venv/bin/python scripts/screenshot.py --user worker /people/ /accessibility/

Used by developers to look at what they build; not part of the test suite.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="")
    parser.add_argument("--password", default="recovery-star-demo")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "star-shots"))
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": options.width, "height": 900})
        if options.user:
            page.goto(options.base + "/sign-in/")
            page.fill("#id_username", options.user)
            page.fill("#id_password", options.password)
            page.click("button[type=submit]")
        for path in options.paths:
            page.goto(options.base + path)
            name = path.strip("/").replace("/", "_") or "home"
            target = out / f"{options.user or 'anon'}_{name}_{options.width}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
