"""Copy front-end assets from node_modules into static/vendor.

The NHS.UK frontend stylesheet points at /assets/ and at the NHS's own font server. STaR serves
everything itself (no third-party requests from a page with personal data on it, ASVS V14.2.3),
so the image paths are rewritten and the Frutiger @font-face rules, which the NHS licenses for
its own services, are dropped: the design system falls back to Arial.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NHSUK = ROOT / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"
HTMX = ROOT / "node_modules" / "htmx.org" / "dist"
LEAFLET = ROOT / "node_modules" / "leaflet" / "dist"
VENDOR = ROOT / "static" / "vendor"

FONT_FACE = re.compile(r"@font-face\{[^}]*assets\.nhs\.uk[^}]*\}")


def main() -> int:
    if not NHSUK.exists() or not HTMX.exists() or not LEAFLET.exists():
        print("Run `npm ci` first: node_modules is missing the front-end packages.", file=sys.stderr)
        return 1
    target = VENDOR / "nhsuk"
    target.mkdir(parents=True, exist_ok=True)
    css = (NHSUK / "nhsuk-frontend.min.css").read_text(encoding="utf-8")
    css = FONT_FACE.sub("", css).replace("url(/assets/", "url(/static/vendor/nhsuk/assets/")
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    (target / "nhsuk-frontend.min.css").write_text(css, encoding="utf-8")
    js = (NHSUK / "nhsuk-frontend.min.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=.*", "", js)
    (target / "nhsuk-frontend.min.js").write_text(js, encoding="utf-8")
    shutil.copytree(NHSUK / "assets" / "images", target / "assets" / "images", dirs_exist_ok=True)
    (VENDOR / "htmx").mkdir(parents=True, exist_ok=True)
    shutil.copy2(HTMX / "htmx.min.js", VENDOR / "htmx" / "htmx.min.js")
    # Leaflet, for the resource hub's map where a deployment configures map tiles (docs/resource-hub.md).
    leaflet = VENDOR / "leaflet"
    leaflet.mkdir(parents=True, exist_ok=True)
    shutil.copy2(LEAFLET / "leaflet.css", leaflet / "leaflet.css")
    (leaflet / "leaflet.js").write_text(
        re.sub(r"//# sourceMappingURL=.*", "", (LEAFLET / "leaflet.js").read_text(encoding="utf-8")), encoding="utf-8"
    )
    shutil.copytree(LEAFLET / "images", leaflet / "images", dirs_exist_ok=True)
    print(f"Front-end assets copied to {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
