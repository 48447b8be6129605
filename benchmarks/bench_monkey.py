"""The soak: 100,000 monkey events through whole visits; resident memory growth after warm-up, invariants.

Usage: .venv/bin/python benchmarks/bench_monkey.py [--events N] [--seed S] [--json FILE]
Targets: memory growth after warm-up under 5 MB; no invariant broken.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.app.kiosk import build
from kiosk.config.options import Options
from kiosk.config.settings import Settings
from kiosk.staff.pin import save_pin
from tests.ui.monkey import Monkey

FAST = Settings(
    idle_seconds=0.3, idle_countdown_seconds=0.3, result_timeout_seconds=0.3, staff_hold_seconds=0.05,
    pin_lockout_seconds=0.2, transitions=False,
)  # fmt: skip
WARM_UP = 5_000
CHUNK = 5_000


def rss_mb() -> float:
    """Current resident memory of this process, in MB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1_000_000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    import logging

    logging.disable(logging.WARNING)  # wrong PINs are expected by the thousand
    with tempfile.TemporaryDirectory(prefix="kiosk-monkey-") as scratch:
        config, data = Path(scratch) / "config", Path(scratch) / "data"
        save_pin(config / "pin.json", "739104628351")
        kiosk = build(
            Options(windowed=True, lockdown=True, transitions=False, settings=FAST, config_dir=config, data_dir=data)
        )
        kiosk.show()
        monkey = Monkey(kiosk, args.seed, hold_ms=50)
        samples: list[tuple[int, float]] = []
        started = time.perf_counter()
        done = 0
        while done < args.events:
            chunk = min(CHUNK, args.events - done)
            monkey.run(chunk, sample_every=chunk)
            done += chunk
            samples.append((done, rss_mb()))
            print(
                f"  {done:>7} events  RSS {samples[-1][1]:.1f} MB  problems {len(monkey.report.problems)}", flush=True
            )
            if monkey.report.problems:
                break
        elapsed = time.perf_counter() - started
        after_warm_up = [mb for count, mb in samples if count >= WARM_UP]
        growth = after_warm_up[-1] - after_warm_up[0] if len(after_warm_up) > 1 else 0.0
        result = {
            "events": done,
            "seed": args.seed,
            "seconds": round(elapsed, 1),
            "rss_mb": samples,
            "rss_growth_after_warm_up_mb": round(growth, 2),
            "problems": monkey.report.problems[:20],
            "screens_seen": sorted(monkey.report.screens_seen),
            "qt_objects": monkey.report.object_counts,
        }
        kiosk.close()
    print(
        f"events {done}, {elapsed:.0f} s; RSS growth after warm-up {growth:.2f} MB (target < 5); "
        f"invariants broken: {len(result['problems'])} (target 0)"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0 if growth < 5 and not result["problems"] else 1


if __name__ == "__main__":
    sys.exit(main())
