#!/usr/bin/env python3
"""Find or provision a PostgreSQL server for local development and tests.

Contributors' machines differ: some export a URL, some run PostgreSQL natively, some only have
Docker, some only have the server binaries. This script tries those in a fixed order and prints
one SQLAlchemy URL, so that `make` targets and the integration tests need no per-machine setup:

1. the environment variable named by ``--env-var`` (default ``DATABASE_URL``), used as is;
2. a server already answering on 127.0.0.1:5432;
3. the ``db`` service of ``compose.yaml``, started with ``docker compose`` (with
   ``compose.dev.yaml``, which publishes its port on loopback);
4. a throwaway cluster under ``.var/pg`` on port 55432, built with the local server binaries;
5. otherwise a message saying what to install, and exit status 1.

It uses the standard library only because it runs before any virtualenv exists. The integration
test conftest imports it by path and calls :func:`find_database_url`.

Usage: ``python3 scripts/pg_provision.py [--env-var NAME] [--database NAME] [--stop]``
"""

from __future__ import annotations

import argparse
import os
import pwd
import shlex
import shutil
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import quote

if TYPE_CHECKING:
    from collections.abc import Sequence

REPO_ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = REPO_ROOT / "compose.yaml"
COMPOSE_DEV_FILE = REPO_ROOT / "compose.dev.yaml"
CLUSTER_DIR = REPO_ROOT / ".var" / "pg"
CLUSTER_DATA = CLUSTER_DIR / "data"
CLUSTER_LOG = CLUSTER_DIR / "log"

HOST = "127.0.0.1"
SERVER_PORT = 5432
CLUSTER_PORT = 55432
SUPERUSER = "postgres"
VERSIONED_BIN_DIRS = Path("/usr/lib/postgresql")

PROBE_TIMEOUT_SECONDS = 1.0
DOCKER_INFO_TIMEOUT_SECONDS = 15.0
DOCKER_WAIT_SECONDS = 30.0
POLL_INTERVAL_SECONDS = 0.5

# The first message of the PostgreSQL wire protocol a client may send; any server answers with
# a single byte, "S" or "N", without needing credentials.
SSL_REQUEST = struct.pack("!ii", 8, 80877103)

NOT_FOUND_MESSAGE = (
    "No PostgreSQL found: set DATABASE_URL, start a server on localhost:5432, install Docker, "
    "or install the PostgreSQL server package (apt-get install postgresql / brew install "
    "postgresql)"
)


class ProvisioningError(RuntimeError):
    """No usable server could be found or started; the message tells the user what to do."""


class ServerBinaries(NamedTuple):
    """The two programs needed to create and run a throwaway cluster."""

    initdb: Path
    pg_ctl: Path


def _log(message: str) -> None:
    """Report progress on stderr, because stdout carries only the URL for shell capture."""
    sys.stderr.write(f"pg_provision: {message}\n")


def _url(userinfo: str, port: int, database: str) -> str:
    """Build the asyncpg URL the application and the tests expect."""
    return f"postgresql+asyncpg://{userinfo}@{HOST}:{port}/{quote(database, safe='')}"


def _run(
    command: Sequence[str], *, cwd: Path | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a program and capture its output, so that tool chatter never reaches stdout."""
    try:
        # Every command is built here from absolute paths of located programs, never from
        # user input, so running it without a shell is safe.
        return subprocess.run(  # noqa: S603
            command, cwd=cwd, timeout=timeout, capture_output=True, text=True, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise ProvisioningError(f"{shlex.join(command)} timed out after {timeout}s") from exc


def _run_checked(command: Sequence[str], *, what: str, cwd: Path | None = None) -> None:
    """Run a program that must succeed, turning a failure into an explanation for the user."""
    result = _run(command, cwd=cwd)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise ProvisioningError(f"{what} failed (exit status {result.returncode}): {detail}")


def postgres_answers(port: int) -> bool:
    """Tell whether a PostgreSQL server answers on HOST:port.

    A plain TCP accept is not enough: docker-proxy accepts on the published port as soon as the
    container starts, long before the server inside listens. A server's reply to SSLRequest is.
    """
    try:
        with socket.create_connection((HOST, port), timeout=PROBE_TIMEOUT_SECONDS) as conn:
            conn.sendall(SSL_REQUEST)
            return conn.recv(1) in {b"S", b"N"}
    except OSError:
        return False


def from_environment(env_var: str) -> str | None:
    """Step 1: an explicit URL always wins, so CI and unusual setups keep full control."""
    return os.environ.get(env_var) or None


def from_local_server(database: str) -> str | None:
    """Step 2: reuse a server already running on the default port (trust auth assumed)."""
    if not postgres_answers(SERVER_PORT):
        return None
    _log(f"using the server already running on {HOST}:{SERVER_PORT}")
    return _url(SUPERUSER, SERVER_PORT, database)


def _docker_ready(docker: str) -> bool:
    """Tell whether both the engine and the compose plugin work; a CLI alone is not enough."""
    try:
        return all(
            _run([docker, *args], timeout=DOCKER_INFO_TIMEOUT_SECONDS).returncode == 0
            for args in (["info"], ["compose", "version"])
        )
    except ProvisioningError:
        return False


def _wait_for_server(port: int, seconds: float) -> None:
    """Block until a just-started server answers, bounded so a broken one cannot hang us."""
    deadline = time.monotonic() + seconds
    while not postgres_answers(port):
        if time.monotonic() > deadline:
            raise ProvisioningError(
                f"PostgreSQL did not answer on {HOST}:{port} within {seconds:.0f}s"
            )
        time.sleep(POLL_INTERVAL_SECONDS)


def from_docker(database: str) -> str | None:
    """Step 3: start the compose `db` service, the same server for every contributor."""
    docker = shutil.which("docker")
    if docker is None or not COMPOSE_FILE.is_file() or not _docker_ready(docker):
        return None
    _log("starting the 'db' service with docker compose")
    files = ["-f", str(COMPOSE_FILE), "-f", str(COMPOSE_DEV_FILE)]
    _run_checked(
        [docker, "compose", *files, "up", "-d", "db"], what="docker compose up", cwd=REPO_ROOT
    )
    _wait_for_server(SERVER_PORT, DOCKER_WAIT_SECONDS)
    return _url("orderly:orderly", SERVER_PORT, database)


def _version_key(bin_dir: Path) -> tuple[int, ...]:
    """Order /usr/lib/postgresql/<version>/bin directories numerically (10 after 9.6)."""
    parts = bin_dir.parent.name.split(".")
    return tuple(int(part) for part in parts) if all(part.isdigit() for part in parts) else ()


def find_server_binaries() -> ServerBinaries | None:
    """Locate initdb and pg_ctl: PATH first, then the highest Debian/Ubuntu versioned dir.

    Debian installs them outside PATH, under /usr/lib/postgresql/<version>/bin.
    """
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return ServerBinaries(Path(initdb), Path(pg_ctl))
    bin_dirs = [
        bin_dir
        for bin_dir in VERSIONED_BIN_DIRS.glob("*/bin")
        if (bin_dir / "initdb").is_file() and (bin_dir / "pg_ctl").is_file()
    ]
    if not bin_dirs:
        return None
    best = max(bin_dirs, key=_version_key)
    return ServerBinaries(best / "initdb", best / "pg_ctl")


def _cluster_account() -> pwd.struct_passwd | None:
    """Return the OS account the cluster must run as, or None to run as the current user.

    initdb and postgres refuse to run as root, so root delegates to the `postgres` user.
    """
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise ProvisioningError(
            f"running as root and there is no '{SUPERUSER}' OS user to run the server as. "
            f"{NOT_FOUND_MESSAGE}"
        ) from None


def _as_cluster_owner(command: Sequence[str]) -> list[str]:
    """Prefix a command so it runs as the account that owns the cluster."""
    account = _cluster_account()
    if account is None:
        return list(command)
    runuser = shutil.which("runuser")
    if runuser is not None:
        return [runuser, "-u", account.pw_name, "--", *command]
    su = shutil.which("su")
    if su is None:
        raise ProvisioningError("running as root, but neither runuser nor su is available")
    return [su, account.pw_name, "-c", shlex.join(command)]


def _prepare_cluster_dir() -> None:
    """Create .var/pg and, as root, hand it to the account that writes data, log and socket."""
    account = _cluster_account()
    CLUSTER_DIR.mkdir(parents=True, exist_ok=True)
    if account is not None:
        os.chown(CLUSTER_DIR, account.pw_uid, account.pw_gid)


def _cluster_running(binaries: ServerBinaries) -> bool:
    """Ask pg_ctl, which knows about stale pid files, whether the cluster is up."""
    if not (CLUSTER_DATA / "PG_VERSION").is_file():
        return False
    status = _as_cluster_owner([str(binaries.pg_ctl), "-D", str(CLUSTER_DATA), "status"])
    return _run(status, cwd=CLUSTER_DIR).returncode == 0


def _init_cluster(binaries: ServerBinaries) -> None:
    """Create the cluster once; trust auth is fine because it only listens on loopback.

    The C locale keeps initdb from failing on whatever LANG the caller happens to have.
    """
    if (CLUSTER_DATA / "PG_VERSION").is_file():
        return
    _log(f"creating a throwaway cluster in {CLUSTER_DATA}")
    initdb = [str(binaries.initdb), "-D", str(CLUSTER_DATA), "-U", SUPERUSER]
    options = ["--auth=trust", "-E", "UTF8", "--locale=C"]
    _run_checked(_as_cluster_owner([*initdb, *options]), what="initdb", cwd=CLUSTER_DIR)


def _start_cluster(binaries: ServerBinaries) -> None:
    """Start the cluster on its own port and socket dir, so it never clashes with a system one."""
    server_options = shlex.join(
        ["-p", str(CLUSTER_PORT), "-k", str(CLUSTER_DIR), "-c", f"listen_addresses={HOST}"]
    )
    start = [str(binaries.pg_ctl), "-D", str(CLUSTER_DATA), "-l", str(CLUSTER_LOG)]
    start += ["-o", server_options, "-w", "start"]
    _log(f"starting the throwaway cluster on {HOST}:{CLUSTER_PORT} (log: {CLUSTER_LOG})")
    _run_checked(_as_cluster_owner(start), what="pg_ctl start", cwd=CLUSTER_DIR)


def from_local_cluster(database: str) -> str | None:
    """Step 4: run a private cluster from the installed server binaries, without Docker."""
    binaries = find_server_binaries()
    if binaries is None:
        return None
    _prepare_cluster_dir()
    _init_cluster(binaries)
    if _cluster_running(binaries):
        _log(f"using the throwaway cluster already running on {HOST}:{CLUSTER_PORT}")
    else:
        _start_cluster(binaries)
    return _url(SUPERUSER, CLUSTER_PORT, database)


def find_database_url(env_var: str, database: str) -> str:
    """Return a URL of a reachable server, trying each source in the documented order.

    ``database`` names the database only in URLs built here; a URL from the environment is
    returned untouched. Raises ProvisioningError when nothing is usable.
    """
    url = (
        from_environment(env_var)
        or from_local_server(database)
        or from_docker(database)
        or from_local_cluster(database)
    )
    if url is None:
        raise ProvisioningError(NOT_FOUND_MESSAGE)
    return url


def stop_cluster() -> None:
    """Stop the throwaway cluster of step 4 if it runs, so `make clean` can delete .var/."""
    binaries = find_server_binaries()
    if binaries is None or not _cluster_running(binaries):
        _log("no throwaway cluster is running")
        return
    stop = [str(binaries.pg_ctl), "-D", str(CLUSTER_DATA), "-m", "fast", "stop"]
    _run_checked(_as_cluster_owner(stop), what="pg_ctl stop", cwd=CLUSTER_DIR)
    _log("stopped the throwaway cluster")


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Describe the command line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--env-var",
        default="DATABASE_URL",
        help="environment variable whose URL wins if set (default: %(default)s)",
    )
    parser.add_argument(
        "--database",
        default="orderly",
        help="database name for URLs this script builds (default: %(default)s)",
    )
    parser.add_argument(
        "--stop",
        action="store_true",
        help="stop the throwaway cluster under .var/pg instead of printing a URL",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the URL on stdout (exit 0), or explain on stderr what is missing (exit 1)."""
    args = _parse_args(argv)
    try:
        if args.stop:
            stop_cluster()
            return 0
        url = find_database_url(args.env_var, args.database)
    except ProvisioningError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    sys.stdout.write(f"{url}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
