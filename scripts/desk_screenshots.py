"""Screenshots of the front desk's page in headless Chromium, at phone and desktop width, for README.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/desk_screenshots.py [OUT_DIR]
The kiosk runs offscreen on throwaway folders and serves the page on 127.0.0.1 only; the browser pairs
through the page itself, then shows the kiosk on slide 4 and again during a hold.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.app.kiosk import build, ensure_application  # noqa: E402
from kiosk.config.options import Options  # noqa: E402
from kiosk.core.endings import EndReason  # noqa: E402
from tests.app import browser  # noqa: E402

SIZES = {"phone": (390, 844), "desktop": (1280, 900)}


def in_thread(work: Callable[[], Any]) -> Any:
    """Run browser work in a thread while this thread serves the kiosk's event loop."""
    app = ensure_application()
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    while thread.is_alive():
        app.processEvents()
        time.sleep(0.002)
    if not result:
        raise RuntimeError("the browser step failed (see the traceback above)")
    return result[0]


def whole_page(driver: Any, path: Path) -> None:
    """A screenshot of the whole page, not only the window: the window grows to the page's height first."""
    size = driver.get_window_size()
    height = driver.execute_script("return document.documentElement.scrollHeight")
    chrome = size["height"] - driver.execute_script("return window.innerHeight")
    driver.set_window_size(size["width"], height + chrome)
    driver.save_screenshot(str(path))
    driver.set_window_size(size["width"], size["height"])


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    why_not = browser.missing()
    if why_not:
        print(f"cannot take screenshots: {why_not}", file=sys.stderr)
        return 1
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import WebDriverWait

    with tempfile.TemporaryDirectory(prefix="kiosk-desk-shots-") as scratch:
        kiosk = build(Options(windowed=True, config_dir=Path(scratch) / "c", data_dir=Path(scratch) / "d"))
        kiosk.show()
        assert kiosk.remote.start("127.0.0.1", 0), kiosk.remote.problem
        assert kiosk.flow is not None
        for kind, (width, height) in SIZES.items():
            code = kiosk.remote.open_pairing()
            driver = in_thread(lambda w=width, h=height, k=kind: browser.start(Path(scratch) / k, w, h))
            wait = WebDriverWait(driver, 15)

            def open_pairing(d: Any = driver, w: Any = wait) -> None:
                d.get(kiosk.remote.url)
                w.until(seen.visibility_of_element_located((By.ID, "code")))

            in_thread(open_pairing)
            in_thread(lambda d=driver, k=kind: d.save_screenshot(str(out / f"desk-pair-{k}.png")))

            def pair(d: Any = driver, w: Any = wait, c: str = code) -> None:
                d.find_element(By.ID, "code").send_keys(c)
                d.find_element(By.ID, "name").send_keys("受付PC")
                d.find_element(By.CSS_SELECTOR, "#pair-form button[type=submit]").click()
                w.until(seen.visibility_of_element_located((By.ID, "desk")))

            in_thread(pair)
            kiosk.flow.end_visit(EndReason.HOME)
            kiosk.flow.start()
            for _ in range(3):
                kiosk.flow.next()
            in_thread(lambda w=wait: w.until(seen.text_to_be_present_in_element((By.ID, "screen"), "説明 4 /")))
            in_thread(lambda d=driver, k=kind: whole_page(d, out / f"desk-{k}.png"))
            kiosk.remote.pause(10, "screenshot")
            in_thread(lambda w=wait: w.until(seen.visibility_of_element_located((By.ID, "resume"))))
            in_thread(lambda d=driver, k=kind: d.save_screenshot(str(out / f"desk-held-{k}.png")))
            kiosk.remote.resume("screenshot")
            in_thread(driver.quit)
        kiosk.close()
    print(f"wrote desk screenshots to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
