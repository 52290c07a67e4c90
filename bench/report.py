"""Aggregating repeated wrk runs and printing the table, the ratios and the memory.

A target's runs are folded into one row: the median throughput and the median p50, so one
round disturbed by the shared machine moves neither, but the worst p99, because a tail that
showed up once is real.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from bench.servers import ProcessMemory
from bench.wrk import WrkResult


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    scenario: str
    target: str
    runs: tuple[WrkResult, ...]

    @property
    def requests_per_s(self) -> float:
        return median(run.requests_per_s for run in self.runs)

    @property
    def p50_ms(self) -> float:
        return median(run.p50_ms for run in self.runs)

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
class Ratio:
    """`of`'s throughput over `to`'s; without a target it is reported, not judged."""

    scenario: str
    of: Row
    to: Row
    target: float | None = None

    @property
    def value(self) -> float:
        return self.of.requests_per_s / self.to.requests_per_s if self.to.requests_per_s else 0.0

    def line(self) -> str:
        if self.target is None:
            verdict = "(report only)"
        else:
            passed = "PASS" if self.value >= self.target else "BELOW"
            verdict = f"(target >= {self.target:.0%})  {passed}"
        return f"  {self.scenario:<24} {self.value:>6.1%}  {verdict}"


@dataclass(frozen=True, slots=True, kw_only=True)
class RatioGroup:
    title: str
    ratios: tuple[Ratio, ...]


def _row_line(row: Row) -> str:
    errors = str(row.errors) if row.errors or row.clean else "stalled"
    return (
        f"{row.scenario:<26} {row.target:<8} {row.requests_per_s:>10.1f}"
        f" {row.p50_ms:>8.2f} {row.p99_ms:>8.2f} {errors:>8}"
    )


def _memory_line(process: ProcessMemory, goal_mb: float | None) -> str:
    line = (
        f"  {process.server:<8} {process.role:<10} pid {process.pid:<8} {process.rss_mb:>7.1f} MB"
    )
    if goal_mb is None:
        return line
    verdict = "PASS" if process.rss_mb <= goal_mb else "ABOVE"
    return f"{line}  (goal <= {goal_mb:.0f} MB)  {verdict}"


def print_report(
    rows: Sequence[Row],
    groups: Sequence[RatioGroup],
    memory: Sequence[ProcessMemory],
    *,
    memory_goal: tuple[str, float],
) -> None:
    """`memory_goal` is (server name, MB): the goal is printed beside that server's processes."""
    print()
    print(f"{'scenario':<26} {'target':<8} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>8}")
    for row in rows:
        print(_row_line(row))
    for row in rows:
        if row.errors:
            print(f"  {row.scenario}, {row.target}: {row.error_detail()}")
    for group in groups:
        print()
        print(f"throughput, {group.title}:")
        for ratio in group.ratios:
            print(ratio.line())
    print()
    print("resident memory after the last load (VmRSS):")
    if not memory:
        print("  not available (no /proc on this system)")
    goal_server, goal_mb = memory_goal
    for process in memory:
        print(_memory_line(process, goal_mb if process.server == goal_server else None))
