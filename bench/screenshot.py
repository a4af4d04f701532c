"""Screenshots of the HTML view, as the README shows them: headless Chromium (Debian's package) opens
`kg export --format html` of a store, offline, and saves what it draws.

    python bench/screenshot.py STORE OUT.png [--width 1400 --height 900]

Not a test: tests/export/test_export_html.py checks the same page (every node drawn, no label overlapping).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["main", "screenshot"]


def screenshot(store: Path, out: Path, width: int = 1400, height: int = 900) -> None:
    """Export STORE's HTML view and save Chromium's picture of it to OUT."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium is not installed (Debian: apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="kg-shot-") as work:
        page = Path(work) / "graph.html"
        subprocess.run([sys.executable, "-m", "kg", "export", "-f", "html", "-o", str(page), "--store", str(store)],
                       check=True)  # fmt: skip
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--hide-scrollbars",
                "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: the page needs nothing from outside
                f"--user-data-dir={work}/profile",
                f"--window-size={width},{height}",
                "--virtual-time-budget=8000",  # let sigma.js draw before the picture is taken
                f"--screenshot={out.resolve()}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("out")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args(argv)
    screenshot(Path(args.store), Path(args.out), args.width, args.height)


if __name__ == "__main__":
    main()
