"""Starting, probing, measuring and stopping the HTTP servers under test.

Each server runs in its own process group (`start_new_session`): with several workers uvicorn's
supervisor spawns children, so signalling the group is the only way to be sure no worker
outlives the bench, and it keeps the terminal's Ctrl-C away from them until the driver stops them in
order. Output goes to a file, not a pipe, so a chatty server can never block on a full pipe.
The group is also how `resident_memory` finds every process of a server (uvicorn's supervisor
and its workers) to read their resident set sizes from /proc.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

HOST = "127.0.0.1"
READY_PATH = "/health/ready"
_READY_TIMEOUT_S = 90  # a cold start on a busy machine (bytecode, imports) can be slow
_PROBE_TIMEOUT_S = 2
_POLL_S = 0.25
_STOP_TIMEOUT_S = 15
_TAIL_LINES = 40
# Probes go straight to 127.0.0.1 even when the shell has http_proxy set.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ServerError(RuntimeError):
    """A server could not be started or never became ready; the message carries its output."""


@dataclass(slots=True)
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    log: IO[bytes]

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def output_tail(self) -> str:
        self.log.flush()
        lines = self.log_path.read_text(errors="replace").splitlines()[-_TAIL_LINES:]
        return "\n".join(lines) or "(no output)"


def _require_free_port(port: int) -> None:
    """Otherwise the readiness probe could be answered by whatever already listens there.

    SO_REUSEADDR, as uvicorn sets it: the last run's TIME_WAIT sockets must not count as "in use".
    """
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            raise ServerError(f"port {port} on {HOST} is already in use") from None


def start(
    name: str, argv: Sequence[str], *, port: int, cwd: Path, env: Mapping[str, str], log_dir: Path
) -> Server:
    _require_free_port(port)
    log_path = log_dir / f"{name}.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        list(argv),
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return Server(name=name, port=port, process=process, log_path=log_path, log=log)


def _is_ready(url: str) -> bool:
    try:
        with _DIRECT.open(url, timeout=_PROBE_TIMEOUT_S) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def wait_ready(server: Server) -> None:
    deadline = time.monotonic() + _READY_TIMEOUT_S
    url = server.base_url + READY_PATH
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerError(
                f"{server.name} exited with {server.process.returncode} before it was ready;"
                f" its output ends with:\n{server.output_tail()}"
            )
        if _is_ready(url):
            return
        time.sleep(_POLL_S)
    raise ServerError(
        f"{server.name}: {url} did not answer 200 within {_READY_TIMEOUT_S} s;"
        f" its output ends with:\n{server.output_tail()}"
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessMemory:
    server: str
    pid: int
    role: str  # "server" (one process), or "supervisor", its "worker"s and any "helper"
    rss_mb: float  # VmRSS in MiB


def _group_pids(pgid: int) -> list[int]:
    """Every live process whose process group is `pgid` (field 5 of /proc/<pid>/stat)."""
    pids: list[int] = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()  # the name may hold spaces
        except OSError:  # the process ended while we looked
            continue
        if int(fields[2]) == pgid:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def _rss_kib(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None  # a zombie has no VmRSS line


def _role(child: int) -> str:
    """uvicorn's workers are multiprocessing spawns; anything else (its resource tracker) helps."""
    try:
        cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
    except OSError:
        return "helper"
    return "worker" if b"spawn_main" in cmdline else "helper"


def resident_memory(server: Server) -> list[ProcessMemory]:
    """The server's processes and their RSS; empty where there is no /proc (e.g. macOS)."""
    main = server.process.pid
    pids = _group_pids(main) if Path("/proc").is_dir() else []
    found: list[ProcessMemory] = []
    for pid in pids:
        rss = _rss_kib(pid)
        if rss is None:
            continue
        role = ("server" if len(pids) == 1 else "supervisor") if pid == main else _role(pid)
        found.append(ProcessMemory(server=server.name, pid=pid, role=role, rss_mb=rss / 1024))
    return found


def _signal_group(server: Server, signum: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):  # the whole group is already gone
        os.killpg(server.process.pid, signum)


def stop(server: Server) -> None:
    """SIGTERM for a graceful uvicorn shutdown, SIGKILL if it does not finish in time."""
    _signal_group(server, signal.SIGTERM)
    try:
        server.process.wait(timeout=_STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        _signal_group(server, signal.SIGKILL)
        server.process.wait(timeout=_STOP_TIMEOUT_S)
    else:
        _signal_group(server, signal.SIGKILL)  # workers that outlived their supervisor
    server.log.close()
