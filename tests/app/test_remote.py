"""The desk page against the running kiosk, offscreen, with a real HTTP client on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.core.endings import EndReason
from kiosk.visit.flow import Screen
from tests.app.remote_client import ACTION, Answer, bearer, in_thread, request
from tests.ui.test_walkthrough import start_lesson, tap

pytestmark = pytest.mark.allow_warnings  # wrong tokens are logged at WARNING, as they should be


def serve(kiosk: Kiosk) -> int:
    """Turn the desk page on at 127.0.0.1 on a free port; its port."""
    assert kiosk.desk.remote.start("127.0.0.1", 0), kiosk.desk.remote.problem
    assert kiosk.desk.remote.server is not None
    return kiosk.desk.remote.server.port


def pair(qtbot: QtBot, kiosk: Kiosk, port: int, name: str = "受付PC") -> str:
    code = kiosk.desk.remote.open_pairing()
    answer = in_thread(qtbot, lambda: request(port, "POST", "/api/pair", {"code": code, "name": name,
                                                                          "bearer": True}, ACTION))  # fmt: skip
    assert answer.status == 200, answer.body
    return str(answer.json["token"])


def status(qtbot: QtBot, port: int, token: str) -> Answer:
    return in_thread(qtbot, lambda: request(port, "GET", "/api/status", headers=bearer(token)))


def post(qtbot: QtBot, port: int, path: str, token: str | None, body: object = None) -> Answer:
    headers = bearer(token) if token else dict(ACTION)
    return in_thread(qtbot, lambda: request(port, "POST", path, {} if body is None else body, headers))


def test_status_reflects_the_screen(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Attract, then slide 2 of N after a Next, then question 1 of M: the desk sees what the screen shows."""
    port = serve(kiosk)
    token = pair(qtbot, kiosk, port)
    first = status(qtbot, port, token).json
    assert (first["screen"], first["in_visit"], first["device"]) == ("attract", False, "受付PC")
    assert first["lesson"] == kiosk.flow.lesson.deck.title and first["language"] == "ja"
    start_lesson(qtbot, kiosk)
    tap(qtbot, kiosk.window.slide.nav.next)
    now = status(qtbot, port, token).json
    slides = len(kiosk.flow.lesson.deck.slides)
    assert (now["screen"], now["position"], now["total"], now["in_visit"]) == ("slide", 2, slides, True)
    assert now["idle_seconds"] < 5
    for _ in range(slides - 1):
        tap(qtbot, kiosk.window.slide.nav.next)
    quiz = status(qtbot, port, token).json
    assert (quiz["screen"], quiz["position"], quiz["total"]) == ("question", 1, len(kiosk.flow.lesson.questions))


@pytest.mark.parametrize("path", ["/api/start-over", "/api/reload", "/api/pause", "/api/resume"])
def test_each_action_needs_a_paired_token(qtbot: QtBot, kiosk: Kiosk, path: str) -> None:
    """Every action fails with no token, a wrong one or a revoked one, and works with a paired one."""
    port = serve(kiosk)
    token = pair(qtbot, kiosk, port)
    revoked = pair(qtbot, kiosk, port, "old phone")
    kiosk.desk.remote.revoke(kiosk.desk.remote.paired[-1].id)
    body = {"minutes": 5} if path == "/api/pause" else {}
    start_lesson(qtbot, kiosk)
    for bad in (None, "not-a-token", revoked):
        answer = post(qtbot, port, path, bad, body)
        assert answer.status == 401, (bad, answer.body)
        assert kiosk.flow.state.screen is Screen.SLIDE and not kiosk.flow.held
    kiosk.desk.remote.limiter.success("127.0.0.1")
    assert post(qtbot, port, path, token, body).status == 200
    if path in ("/api/start-over", "/api/reload", "/api/pause"):
        assert kiosk.flow.state.screen is Screen.ATTRACT


def test_start_over_goes_the_staff_menu_way(qtbot: QtBot, kiosk: Kiosk, caplog: pytest.LogCaptureFixture) -> None:
    """Start over from the desk ends the visit like the staff menu's button, logged with the device's name."""
    port = serve(kiosk)
    token = pair(qtbot, kiosk, port)
    ended: list[str] = []
    kiosk.flow.subscribe_end(lambda state, reason: ended.append(reason))
    start_lesson(qtbot, kiosk)
    assert post(qtbot, port, "/api/start-over", token).status == 200
    assert ended == ["staff"]
    assert kiosk.window.current_page is kiosk.window.attract
    assert "start over, from '受付PC'" in caplog.text


def test_a_hold_keeps_the_attract_screen_until_it_ends(qtbot: QtBot, kiosk: Kiosk) -> None:
    """During a hold a touch starts no visit; lifted from the desk, or at its end, touches work again."""
    port = serve(kiosk)
    token = pair(qtbot, kiosk, port)
    start_lesson(qtbot, kiosk)
    assert post(qtbot, port, "/api/pause", token, {"minutes": 10}).status == 200
    assert kiosk.window.current_page is kiosk.window.attract
    tap(qtbot, kiosk.window.attract.start)
    assert kiosk.window.current_page is kiosk.window.attract
    held = status(qtbot, port, token).json
    assert held["paused"] and 590 <= held["pause_seconds_left"] <= 600
    assert post(qtbot, port, "/api/resume", token).status == 200
    start_lesson(qtbot, kiosk)
    kiosk.start_over(EndReason.HOME)
    kiosk.desk.remote.minute_ms = 50  # a "minute" of 50 ms: the hold runs out by itself
    holds: list[bool] = []  # every hold and lift, so a busy machine that lifts it before we look still shows both
    hold = kiosk.flow.hold
    kiosk.flow.hold = lambda on: (holds.append(on), hold(on))[1]  # type: ignore[method-assign]
    assert post(qtbot, port, "/api/pause", token, {"minutes": 1}).status == 200
    qtbot.waitUntil(lambda: holds == [True, False] and not kiosk.flow.held, timeout=5000)
    start_lesson(qtbot, kiosk)


def test_reload_reports_problems_and_keeps_the_lesson(qtbot: QtBot, make_kiosk: Callable[..., Kiosk], shipped_copy):
    """A reload of broken content answers with its problems, keeps the lesson, and status lists them."""
    kiosk = make_kiosk(content=shipped_copy)
    port = serve(kiosk)
    token = pair(qtbot, kiosk, port)
    (shipped_copy / "ja" / "quiz.md").write_text("## no answers here\n", encoding="utf-8")
    answer = post(qtbot, port, "/api/reload", token)
    assert answer.status == 200 and answer.json["reloaded"] is False and answer.json["problems"]
    assert status(qtbot, port, token).json["content"]["problems"] == answer.json["problems"]
    assert kiosk.flow is not None and kiosk.flow.lesson.questions


def test_wrong_tokens_are_rate_limited(qtbot: QtBot, kiosk: Kiosk, caplog: pytest.LogCaptureFixture) -> None:
    """Five wrong tokens from one address block it (429 with Retry-After), and each is logged."""
    port = serve(kiosk)
    token = pair(qtbot, kiosk, port)

    def guesses() -> list[int]:
        return [request(port, "GET", "/api/status", headers=bearer(f"guess{n}")).status for n in range(6)]

    assert in_thread(qtbot, guesses) == [401] * 5 + [429]
    blocked = status(qtbot, port, token)
    assert blocked.status == 429 and int(blocked.headers["retry-after"]) >= 59
    assert caplog.text.count("wrong or revoked token from 127.0.0.1") == 5


def test_turning_it_off_closes_the_port(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Off means off: after stop() nothing answers on the port."""
    port = serve(kiosk)
    kiosk.desk.remote.stop()
    qtbot.wait(10)  # let Qt close the listening socket

    def refused() -> bool:
        try:
            request(port, "GET", "/")
        except OSError:
            return True
        return False

    assert in_thread(qtbot, refused)


def test_a_request_storm_leaves_taps_fast(qtbot: QtBot, kiosk: Kiosk) -> None:
    """200 requests to 127.0.0.1 (bounded, 20 s at most) while the patient taps Next: every tap is handled,
    and the kiosk answers status throughout (some storm requests may be told to slow down: 429)."""
    port = serve(kiosk)
    token = pair(qtbot, kiosk, port)
    start_lesson(qtbot, kiosk)
    codes: list[int] = []

    def storm() -> None:
        deadline = time.monotonic() + 20
        for _ in range(200):
            if time.monotonic() > deadline:
                break
            codes.append(request(port, "GET", "/api/status", headers=bearer(token)).status)

    import threading

    thread = threading.Thread(target=storm, daemon=True)
    thread.start()
    taps = 0
    while thread.is_alive() and taps < 10:
        before = kiosk.flow.state.slide
        tap(qtbot, kiosk.window.slide.nav.next if before < 5 else kiosk.window.slide.nav.back)
        assert kiosk.flow.state.slide != before
        taps += 1
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=25_000)
    assert len(codes) == 200 and set(codes) <= {200, 429} and 200 in codes
