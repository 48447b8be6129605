"""The desk page in a real browser: headless Chromium pairs from the QR's address, presses "start over",
and the kiosk goes back to its attract screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.visit.flow import Screen
from tests.app import browser
from tests.app.remote_client import in_thread
from tests.app.test_remote_staff import click, open_remote_screen, read_qr, staff_kiosk  # noqa: F401 (fixture)
from tests.ui.test_walkthrough import start_lesson, tap

WHY_NOT = browser.missing()
pytestmark = pytest.mark.skipif(WHY_NOT is not None, reason=f"no browser: {WHY_NOT}")


def test_pair_in_chromium_and_start_over(qtbot: QtBot, staff_kiosk: Kiosk, tmp_path: Path) -> None:  # noqa: F811
    """Open the QR's URL, type the code, see the slide the kiosk shows, press start over: attract again."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import WebDriverWait

    kiosk = staff_kiosk
    open_remote_screen(qtbot, kiosk)
    click(qtbot, kiosk.staff.remote_page.toggle)
    click(qtbot, kiosk.staff.remote_page.pair)
    url = read_qr(kiosk)  # what a phone's camera would read
    code = kiosk.staff.remote_page.code.text().replace(" ", "")
    driver = in_thread(qtbot, lambda: browser.start(tmp_path / "profile"), timeout_s=60)
    try:
        wait = WebDriverWait(driver, 15)

        def pair() -> str:
            driver.get(url)
            wait.until(seen.visibility_of_element_located((By.ID, "code"))).send_keys(code)
            driver.find_element(By.ID, "name").send_keys("受付PC")
            driver.find_element(By.CSS_SELECTOR, "#pair-form button[type=submit]").click()
            wait.until(seen.text_to_be_present_in_element((By.ID, "screen"), "待ち受け画面"))
            return str(driver.find_element(By.ID, "device").text)

        assert in_thread(qtbot, pair, timeout_s=60) == "受付PC"
        assert kiosk.staff.remote_page.device_names[0].text() == "受付PC"  # the staff screen lists it at once
        kiosk.close_staff()
        start_lesson(qtbot, kiosk)  # a patient starts a visit; the page polls and sees it
        tap(qtbot, kiosk.window.slide.nav.next)
        total = len(kiosk.flow.lesson.deck.slides)

        def start_over() -> str:
            wait.until(seen.text_to_be_present_in_element((By.ID, "screen"), f"説明 2 / {total}"))
            driver.find_element(By.ID, "start-over").click()
            wait.until(seen.text_to_be_present_in_element((By.ID, "screen"), "待ち受け画面"))
            return str(driver.find_element(By.ID, "message").text)

        assert in_thread(qtbot, start_over, timeout_s=60) == "最初の画面に戻しました。"
        assert kiosk.flow.state.screen is Screen.ATTRACT
        assert kiosk.window.current_page is kiosk.window.attract

        def rename() -> str:
            driver.find_element(By.ID, "new-name").send_keys("受付の奥のPC")
            driver.find_element(By.CSS_SELECTOR, "#rename-form button[type=submit]").click()
            wait.until(seen.text_to_be_present_in_element((By.ID, "device"), "受付の奥のPC"))
            return str(driver.find_element(By.ID, "message").text)

        assert in_thread(qtbot, rename, timeout_s=60) == "名前を「受付の奥のPC」にしました。"
        assert [device.name for device in kiosk.desk.remote.paired] == ["受付の奥のPC"]
        cookies = in_thread(qtbot, driver.get_cookies)
        assert [(c["name"], c["httpOnly"], c["sameSite"]) for c in cookies] == [("kiosk_remote", True, "Strict")]
    finally:
        in_thread(qtbot, driver.quit, timeout_s=30)


def test_a_frozen_kiosk_shows_as_not_answering_within_10_s(
    qtbot: QtBot,
    staff_kiosk: Kiosk,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The kiosk's event loop stops (this test holds it): the page says it cannot reach the kiosk within 10 s.
    Its status request had no time limit, so a frozen kiosk looked healthy for ever."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import WebDriverWait

    kiosk = staff_kiosk
    open_remote_screen(qtbot, kiosk)
    click(qtbot, kiosk.staff.remote_page.toggle)
    click(qtbot, kiosk.staff.remote_page.pair)
    url = read_qr(kiosk)
    code = kiosk.staff.remote_page.code.text().replace(" ", "")
    driver = in_thread(qtbot, lambda: browser.start(tmp_path / "profile"), timeout_s=60)
    try:
        wait = WebDriverWait(driver, 15)

        def pair() -> None:
            driver.get(url)
            wait.until(seen.visibility_of_element_located((By.ID, "code"))).send_keys(code)
            driver.find_element(By.ID, "name").send_keys("受付PC")
            driver.find_element(By.CSS_SELECTOR, "#pair-form button[type=submit]").click()
            wait.until(seen.text_to_be_present_in_element((By.ID, "screen"), "待ち受け画面"))

        in_thread(qtbot, pair, timeout_s=60)
        assert not driver.find_element(By.ID, "offline").is_displayed()
        # From here the Qt loop does not run: the kiosk is frozen, its socket still accepts connections.
        WebDriverWait(driver, 10).until(seen.visibility_of_element_located((By.ID, "offline")))
        assert "秒前" in driver.find_element(By.ID, "offline").text  # the age of the last answer
    finally:
        in_thread(qtbot, driver.quit, timeout_s=30)
