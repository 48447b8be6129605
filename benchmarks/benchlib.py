"""Shared helpers of the benchmark scripts: statistics, figures, tables, JSON, a generated big deck.

Plain Python, no Qt import, so the start-up benchmark can use it without paying for PySide6.
Every figure carries its own same-run baseline: on a noisy 2-core machine only ratios and
comparisons measured side by side (alternating) mean something.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
RESULTS_DIR = BENCH_DIR / "results"
SHIPPED_CONTENT = ROOT / "content"
ILLUSTRATIONS = ROOT / "content" / "stretching" / "pictures"
PYTHON = sys.executable


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(values: Sequence[float]) -> dict[str, float]:
    """Median, p95, min, max and count of a sample."""
    if not values:
        return {"n": 0, "median": math.nan, "p95": math.nan, "min": math.nan, "max": math.nan}
    return {
        "n": len(values),
        "median": statistics.median(values),
        "p95": percentile(values, 95),
        "min": min(values),
        "max": max(values),
    }


@dataclass
class Figure:
    """One measured figure, its same-run baseline, and the target it is held to.

    `target_on` is which number the target applies to: "median", "p95", "ratio" (median of the
    paired ratios value/baseline, or of the medians when the samples are not paired) or "p95 ratio"
    (the p95 of the values over the p95 of the baseline: issue 32's tap targets).
    """

    name: str
    unit: str
    values: list[float]
    baseline: list[float] = field(default_factory=list)
    baseline_name: str = ""
    target_on: str = ""
    target_max: float | None = None
    note: str = ""

    def ratios(self) -> list[float]:
        """Per-run ratios value/baseline when paired (same count), else the ratio of medians."""
        if not self.baseline or not self.values:
            return []
        if len(self.baseline) == len(self.values):
            return [v / b for v, b in zip(self.values, self.baseline, strict=True) if b > 0]
        base = statistics.median(self.baseline)
        return [statistics.median(self.values) / base] if base > 0 else []

    def target_value(self) -> float | None:
        """The number the target is checked against."""
        if not self.target_on:
            return None
        if self.target_on == "ratio":
            ratios = self.ratios()
            return statistics.median(ratios) if ratios else None
        if self.target_on == "p95 ratio":
            base = percentile(self.baseline, 95) if self.baseline else math.nan
            return percentile(self.values, 95) / base if base > 0 else None
        return summary(self.values)[self.target_on]

    def passed(self) -> bool | None:
        """True or False against the target; None when the figure has no target."""
        value = self.target_value()
        if self.target_max is None or value is None:
            return None
        return value <= self.target_max

    def target_text(self) -> str:
        if self.target_max is None:
            return "-"
        unit = "x" if self.target_on in ("ratio", "p95 ratio") else f" {self.unit}"
        return f"{self.target_on} ≤ {fmt(self.target_max)}{unit}"

    def to_dict(self) -> dict[str, object]:
        ratios = self.ratios()
        return {
            "name": self.name,
            "unit": self.unit,
            **summary(self.values),
            "baseline_name": self.baseline_name,
            "baseline": summary(self.baseline) if self.baseline else None,
            "ratio": summary(ratios) if ratios else None,
            "target": self.target_text(),
            "target_on": self.target_on,
            "target_max": self.target_max,
            "passed": self.passed(),
            "note": self.note,
            "values": self.values,
            "baseline_values": self.baseline,
        }


def fmt(value: float | None) -> str:
    """A number with about three significant digits."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    magnitude = abs(value)
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table_rows(figures: Sequence[dict[str, object]]) -> list[str]:
    """Markdown rows (header included) for figures given as `Figure.to_dict()` dictionaries."""
    rows = [
        "| figure | median | spread (p95; min–max) | same-run baseline | ratio (median; min–max) | target | result |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        unit = f["unit"]
        spread = f"p95 {fmt(f['p95'])}; {fmt(f['min'])}–{fmt(f['max'])}"  # type: ignore[arg-type]
        base = f["baseline"]
        baseline = "-"
        if isinstance(base, dict):
            baseline = f"{fmt(base['median'])} {unit}, p95 {fmt(base['p95'])} ({f['baseline_name']})"
        ratio = f["ratio"]
        ratio_text = "-"
        if isinstance(ratio, dict):
            ratio_text = f"{fmt(ratio['median'])}x"
            if ratio["n"] > 1:
                ratio_text += f" ({fmt(ratio['min'])}–{fmt(ratio['max'])})"
        passed = f["passed"]
        verdict = "-" if passed is None else ("pass" if passed else "**FAIL**")
        rows.append(
            f"| {f['name']} | {fmt(f['median'])} {unit} | {spread} | {baseline} | {ratio_text} | "  # type: ignore[arg-type]
            f"{f['target']} | {verdict} |"
        )
    return rows


def print_table(figures: Sequence[dict[str, object]]) -> None:
    """Print the Markdown table and the notes of figures that have one."""
    print("\n".join(table_rows(figures)))
    notes = [f"- {f['name']}: {f['note']}" for f in figures if f.get("note")]
    if notes:
        print("\nNotes:")
        print("\n".join(notes))


def run_benchmark(doc: str, measure: Callable[[bool], Sequence[Figure]]) -> int:
    """A benchmark script's main: take --quick and --json FILE, measure, print the table (and write the JSON)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke test of the benchmark)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file (used by run_all.py)")
    args = parser.parse_args()
    finish(measure(args.quick), args.json)
    return 0


def finish(figures: Sequence[Figure], json_path: Path | None, extra: dict[str, object] | None = None) -> None:
    """Print the figures as a table and write them as JSON when asked."""
    dicts = [figure.to_dict() for figure in figures]
    print_table(dicts)
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(
            json.dumps({"figures": dicts, "extra": extra or {}}, ensure_ascii=False, indent=1), encoding="utf-8"
        )


# -- a generated big deck --------------------------------------------------------------------
def make_big_content(dest: Path, slides: int = 500, language: str = "ja") -> Path:
    """A content folder in `dest` with the shipped lesson and a deck of `slides` slides; returns its root.

    The shipped deck's slides (and so every id the quiz refers to) are kept; generated slides, each with
    a unique id, a heading, two lines of text and one of the shipped illustrations, fill it up.
    """
    root = dest / "content"
    folder = root / "big" / language
    shutil.copytree(SHIPPED_CONTENT / "stretching" / language, folder)
    shutil.copytree(ILLUSTRATIONS, root / "big" / "pictures")
    deck = (folder / "deck.md").read_text(encoding="utf-8")
    shipped = _count_slides(deck)
    images = sorted(path.name for path in ILLUSTRATIONS.glob("*.svg"))
    parts = [deck.rstrip("\n")]
    for number in range(1, max(0, slides - shipped) + 1):
        image = images[number % len(images)]
        parts.append(
            "\n---\n\n"
            f"<!-- id: generated-{number:04d}; image: {image} -->\n"
            f"# 生成したスライド {number} 番\n\n"
            f"これは負荷試験のために作った {number} 番目のスライドです。\n"
            f"**二行目の文**も、実際のスライドと同じくらいの長さにしてあります。\n"
        )
    (folder / "deck.md").write_text("".join(parts), encoding="utf-8")
    return root


def _count_slides(deck: str) -> int:
    """Slides of a deck: its settings comments that carry an id (good enough for the shipped deck)."""
    return sum(1 for line in deck.splitlines() if line.lstrip().startswith("<!--") and "id:" in line)
