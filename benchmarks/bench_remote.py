"""The desk remote's cost: status request round trip, and Next taps while a desk page polls every second.

Status: a poller in its own process (as the reception PC is) sends GET /api/status on a kept-alive
connection to the kiosk on 127.0.0.1, ten a second (under the per-device limit of 20/s); the kiosk's event
loop serves it while idle on a slide. The floor is the same poller against a bare QHttpServer in the same
loop answering a constant body through the same after-request swap: what Qt's HTTP server costs alone.

Next while polled: bench_touch's Next taps, alternating runs with no poller and with one polling every
second (what the desk page does), in the same process; the target is the polled taps within 1.25x of the
unpolled ones (median of paired ratios), both p95 in the note.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_touch import TAP_TARGET_RATIO, TapBench
from benchlib import BENCH_DIR, PYTHON, Figure, percentile, run_benchmark
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtHttpServer import QHttpServer, QHttpServerResponder, QHttpServerResponse
from PySide6.QtNetwork import QHostAddress, QTcpServer
from PySide6.QtWidgets import QApplication
from qtlib import FloorWindow, application, build_kiosk

STATUS_TARGET_MS = 50.0
POLLED_RATIO_MAX = 1.25  # "unchanged": within a quarter, on a machine whose other load varies from run to run


def p95(values: list[float]) -> float:
    return percentile(values, 95)


def poller(port: int, token: str, count: int, interval: float) -> subprocess.Popen[str]:
    command = [PYTHON, str(BENCH_DIR / "remote_poller.py"), str(port), token, str(count), str(interval)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def serve_until_done(process: subprocess.Popen[str]) -> dict[str, list[float]]:
    """Run the Qt loop (serving requests) until the poller exits; its results."""
    loop = QEventLoop()
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: loop.quit() if process.poll() is not None else None)
    timer.start()
    loop.exec()
    timer.stop()
    out, _ = process.communicate(timeout=30)
    return json.loads(out)  # type: ignore[no-any-return]


class FloorServer:
    """A bare QHttpServer answering every request with a constant JSON body, the same way the kiosk's does."""

    def __init__(self) -> None:
        self.http = QHttpServer()
        self.tcp = QTcpServer(self.http)
        assert self.tcp.listen(QHostAddress("127.0.0.1"), 0) and self.http.bind(self.tcp)
        self._handler = self._answer  # PySide keeps no reference of its own
        self.http.addAfterRequestHandler(self.http, self._handler)

    def _answer(self, request: object, response: QHttpServerResponse) -> None:
        constant = QHttpServerResponse(b"application/json", b'{"screen": "slide"}', QHttpServerResponder.StatusCode.Ok)
        response.swap(constant)


def measure(quick: bool) -> list[Figure]:
    requests = 60 if quick else 300
    taps = 40 if quick else 150
    application()
    floor_window = FloorWindow()
    floor_window.show()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-remote-") as scratch:
        kiosk = build_kiosk(scratch=Path(scratch))
        kiosk.show()
        QApplication.processEvents()
        assert kiosk.desk.remote.start("127.0.0.1", 0), kiosk.desk.remote.problem
        assert kiosk.desk.remote.server is not None
        port = kiosk.desk.remote.server.port
        _, token = kiosk.desk.remote.devices.pair("benchmark")
        assert kiosk.flow is not None
        kiosk.flow.start()
        kiosk.flow.next()
        floor = FloorServer()
        status_ms: list[float] = []
        floor_ms: list[float] = []
        for _ in range(2):  # alternate kiosk and floor, half the requests each time
            got = serve_until_done(poller(port, token, requests // 2, 0.1))
            assert set(got["statuses"]) == {200}, set(got["statuses"])
            status_ms += got["ms"][1:]  # the first opens the connection
            floor_ms += serve_until_done(poller(floor.tcp.serverPort(), "x", requests // 2, 0.1))["ms"][1:]
        bench = TapBench(kiosk, floor_window)
        bench.walk(3)  # warm-up
        quiet: list[float] = []
        polled: list[float] = []
        for _ in range(2):
            quiet += bench.walk(taps // 2)["next"]
            seconds = max(5, taps)  # more polls than the walk needs; stopped when it ends
            process = poller(port, token, seconds, 1.0)
            time.sleep(0.2)  # the poller's first request is in
            polled += bench.walk(taps // 2)["next"]
            process.kill()
            process.wait(timeout=10)
        kiosk.close()
    return [
        Figure(
            "desk status request, round trip",
            "ms",
            status_ms,
            floor_ms,
            "bare QHttpServer, constant body",
            "p95",
            STATUS_TARGET_MS,
            note=f"{len(status_ms)} requests at 10/s from another process",
        ),
        Figure(
            "tap Next while a desk page polls every second",
            "ms",
            polled,
            quiet,
            "tap Next, no desk page",
            "ratio",
            POLLED_RATIO_MAX,
            note=f"p95 polled {p95(polled):.1f} ms, unpolled {p95(quiet):.1f} ms "
            f"(tap target: p95 ≤ {TAP_TARGET_RATIO:g}x the floor tap's, bench_touch.py)",
        ),
    ]


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__, measure))
