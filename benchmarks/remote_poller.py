"""The desk side of bench_remote.py, in its own process (as a reception PC would be): GET /api/status on a
kept-alive connection, `count` times `interval` seconds apart; prints the round trips in ms as JSON."""

from __future__ import annotations

import http.client
import json
import sys
import time


def main() -> int:
    port, token, count, interval = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    headers = {"Authorization": f"Bearer {token}"}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    times: list[float] = []
    statuses: list[int] = []
    deadline = time.monotonic() + count * interval + 60  # bounded in time as well as in count
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        connection.request("GET", "/api/status", headers=headers)
        reply = connection.getresponse()
        reply.read()
        times.append((time.perf_counter() - started) * 1000)
        statuses.append(reply.status)
        time.sleep(max(0.0, interval - (time.perf_counter() - started)))
    connection.close()
    print(json.dumps({"ms": times, "statuses": statuses}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
