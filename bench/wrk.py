"""Runs wrk and reads its human-readable report back into numbers.

wrk only prints text, so the parser keys on its fixed labels ("Requests/sec:", the `--latency`
distribution, "Socket errors:", "Non-2xx or 3xx responses:"); the last two only appear when
non-zero, and a missing mandatory line is an error rather than a silent zero.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

THREADS = 2
TIMEOUT_S = 2  # a response slower than this counts as a socket timeout: a stall, not a number
_GRACE_S = 30  # wrk stops itself after the duration; this only bounds a hung wrk
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}

_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_REQUESTS = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
_PERCENTILE = r"^\s*{}%\s+([\d.]+)(us|ms|s|m|h)\s*$"
_P50 = re.compile(_PERCENTILE.format(50), re.MULTILINE)
_P99 = re.compile(_PERCENTILE.format(99), re.MULTILINE)
_SOCKET = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", re.MULTILINE
)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)", re.MULTILINE)


class WrkError(RuntimeError):
    """wrk failed or printed something this parser does not understand."""


@dataclass(frozen=True, slots=True, kw_only=True)
class WrkResult:
    requests: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int
    timeouts: int  # also counted in socket_errors; reported apart because they mean "stalled"

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors

    @property
    def clean(self) -> bool:
        """Zero completed requests is a stall even when wrk reports no errors."""
        return self.errors == 0 and self.requests > 0


def _required(pattern: re.Pattern[str], output: str, what: str) -> re.Match[str]:
    match = pattern.search(output)
    if match is None:
        raise WrkError(f"no {what} in wrk output:\n{output}")
    return match


def _latency_ms(pattern: re.Pattern[str], output: str, what: str) -> float:
    value, unit = _required(pattern, output, what).groups()
    return float(value) * _UNIT_MS[unit]


def parse(output: str) -> WrkResult:
    socket = _SOCKET.search(output)
    non_2xx = _NON_2XX.search(output)
    return WrkResult(
        requests=int(_required(_REQUESTS, output, "request count").group(1)),
        requests_per_s=float(_required(_RPS, output, "Requests/sec").group(1)),
        p50_ms=_latency_ms(_P50, output, "p50 latency"),
        p99_ms=_latency_ms(_P99, output, "p99 latency"),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in socket.groups()) if socket else 0,
        timeouts=int(socket.group(4)) if socket else 0,
    )


def run(
    url: str,
    *,
    connections: int,
    duration_s: int,
    script: Path | None = None,
    script_args: tuple[str, ...] = (),
    timeout_s: int = TIMEOUT_S,
) -> WrkResult:
    """`script` and its arguments go to wrk's `-s` and after `--`, as wrk's CLI wants them."""
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{connections}",
        f"-d{duration_s}s",
        f"--timeout={timeout_s}s",
        "--latency",
    ]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=duration_s + _GRACE_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise WrkError(f"wrk did not finish within {duration_s + _GRACE_S} s: {url}") from None
    if done.returncode != 0:
        raise WrkError(f"wrk exited {done.returncode}: {done.stderr.strip() or done.stdout}")
    return parse(done.stdout)
