"""Aggregating repeated wrk runs and printing the comparison table.

A target's runs are folded into one row: mean throughput and mean p50 (the runs are the same
length, so plain means are fair), but the worst p99, because a tail that showed up once is real.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from bench.wrk import WrkResult


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    scenario: str
    target: str
    runs: tuple[WrkResult, ...]

    @property
    def requests_per_s(self) -> float:
        return fmean(run.requests_per_s for run in self.runs)

    @property
    def p50_ms(self) -> float:
        return fmean(run.p50_ms for run in self.runs)

    @property
    def p99_ms(self) -> float:
        return max(run.p99_ms for run in self.runs)

    @property
    def errors(self) -> int:
        return sum(run.errors for run in self.runs)

    @property
    def clean(self) -> bool:
        return all(run.clean for run in self.runs)

    def error_detail(self) -> str:
        non_2xx = sum(run.non_2xx for run in self.runs)
        socket = sum(run.socket_errors for run in self.runs)
        timeouts = sum(run.timeouts for run in self.runs)
        return f"non-2xx {non_2xx}, socket errors {socket} (timeouts {timeouts})"


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    scenario: str
    service: Row
    raw: Row
    target_ratio: float

    @property
    def ratio(self) -> float:
        return (
            self.service.requests_per_s / self.raw.requests_per_s
            if self.raw.requests_per_s
            else 0.0
        )

    @property
    def verdict(self) -> str:
        return "PASS" if self.ratio >= self.target_ratio else "BELOW"


def _row_line(row: Row) -> str:
    errors = str(row.errors) if row.errors or row.clean else "stalled"
    return (
        f"{row.scenario:<26} {row.target:<8} {row.requests_per_s:>10.1f}"
        f" {row.p50_ms:>8.2f} {row.p99_ms:>8.2f} {errors:>8}"
    )


def all_rows(comparisons: list[Comparison], stress: list[Row]) -> list[Row]:
    return [row for c in comparisons for row in (c.service, c.raw)] + stress


def print_report(comparisons: list[Comparison], stress: list[Row]) -> None:
    print()
    print(f"{'scenario':<26} {'target':<8} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>8}")
    for comparison in comparisons:
        print(_row_line(comparison.service))
        print(_row_line(comparison.raw))
    for row in stress:
        print(_row_line(row))
    for row in all_rows(comparisons, stress):
        if row.errors:
            print(f"  {row.scenario}, {row.target}: {row.error_detail()}")
    print()
    print("throughput, service / raw:")
    for comparison in comparisons:
        print(
            f"  {comparison.scenario:<22} {comparison.ratio:>6.1%}"
            f"  (target >= {comparison.target_ratio:.0%})  {comparison.verdict}"
        )
