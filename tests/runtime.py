"""The runtime oracles: the mix project in tests/oracle (real ecto_sql, postgrex,
Phoenix.LiveViewTest) and a throwaway PostgreSQL cluster.

Both need system packages (`apt-get install -y elixir erlang-dev postgresql`)
and the Elixir packages: from MIR_FIX_HEXDEPS (release sources as path deps,
for machines without Hex) or from Hex. Without them the tests skip with one
line saying how to enable them; with MIR_FIX_REQUIRE_ORACLE=1 (CI) they fail
instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ORACLE = Path(__file__).resolve().parent / "oracle"
HEXDEPS = Path(__file__).resolve().parents[2] / "shared" / "hexdeps"
ENABLE = (
    "the runtime oracle needs `apt-get install -y elixir erlang-dev postgresql` and the Elixir packages "
    "(MIR_FIX_HEXDEPS=<hexdeps folder>, or Hex); MIR_FIX_REQUIRE_ORACLE=1 makes this a failure"
)


def unavailable(why: str) -> None:
    """Skip, or fail when the oracle is required (CI)."""
    if os.environ.get("MIR_FIX_REQUIRE_ORACLE") == "1":
        pytest.fail(f"{why}; MIR_FIX_REQUIRE_ORACLE=1")
    pytest.skip(f"{why}: {ENABLE}")


def mix_env() -> dict[str, str]:
    env = dict(os.environ, MIX_ENV="test")
    if not env.get("MIR_FIX_HEXDEPS") and HEXDEPS.is_dir():
        env["MIR_FIX_HEXDEPS"] = str(HEXDEPS)
    return env


@dataclass(frozen=True)
class Mix:
    """The compiled oracle project."""

    env: dict[str, str]

    def run(self, script: Path, *args: str, timeout: float = 900, extra_env: dict[str, str] | None = None) -> str:
        """`mix run script args...` in the oracle project; its stdout, or an AssertionError with its output."""
        env = dict(self.env, **(extra_env or {}))
        result = subprocess.run(
            ["mix", "run", "--no-compile", "--no-start", str(script), *args],
            cwd=ORACLE,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise AssertionError(
                f"mix run {script.name} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout


def compile_oracle() -> Mix:
    if shutil.which("mix") is None:
        unavailable("mix is not on PATH")
    env = mix_env()
    if not env.get("MIR_FIX_HEXDEPS"):
        fetched = subprocess.run(["mix", "deps.get"], cwd=ORACLE, env=env, capture_output=True, text=True)
        if fetched.returncode != 0:
            unavailable(f"the oracle's Elixir packages could not be fetched ({fetched.stderr.strip()[:200]})")
    result = subprocess.run(["mix", "compile"], cwd=ORACLE, env=env, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        if "leexinc.hrl" in result.stderr + result.stdout:
            unavailable("floki needs erlang-dev (leexinc.hrl)")
        raise AssertionError(f"the oracle project does not compile:\n{result.stdout}\n{result.stderr}")
    return Mix(env)


@dataclass(frozen=True)
class Postgres:
    """A running PostgreSQL cluster reachable on localhost."""

    port: int
    user: str = "postgres"

    @property
    def env(self) -> dict[str, str]:
        return {"PGHOST": "localhost", "PGPORT": str(self.port), "PGUSER": self.user}

    def psql(self, database: str, sql: str) -> str:
        result = subprocess.run(
            ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
            env=dict(os.environ, **self.env),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise AssertionError(f"psql failed: {result.stderr}")
        return result.stdout.strip()


def _pg_bin() -> Path | None:
    root = Path("/usr/lib/postgresql")
    versions = sorted((p for p in root.glob("*/bin") if (p / "initdb").exists()), key=lambda p: int(p.parent.name))
    return versions[-1] if versions else None


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[Postgres]:
    """MIR_FIX_PG_PORT's cluster when set; otherwise a new cluster, removed afterwards."""
    if os.environ.get("MIR_FIX_PG_PORT"):
        yield Postgres(int(os.environ["MIR_FIX_PG_PORT"]), os.environ.get("PGUSER", "postgres"))
        return
    pg_bin = _pg_bin()
    if pg_bin is None or shutil.which("psql") is None:
        unavailable("PostgreSQL is not installed")
        raise AssertionError("unreachable")
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        # initdb refuses to run as root.
        as_postgres = ["runuser", "-u", "postgres", "--"]
    folder = Path(tempfile.mkdtemp(prefix="mir-fix-pg-"))
    if as_postgres:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    user = "postgres" if as_postgres else os.environ.get("USER", "postgres")
    run = {"capture_output": True, "text": True, "timeout": 300}
    try:
        init = subprocess.run([*as_postgres, str(pg_bin / "initdb"), "-D", str(data), "-A", "trust", "-U", user], **run)  # type: ignore[call-overload]
        if init.returncode != 0:
            raise AssertionError(f"initdb failed: {init.stderr}")
        options = f"-p {port} -k {folder} -c listen_addresses=localhost -c fsync=off -c max_connections=200"
        start = subprocess.run(
            [
                *as_postgres,
                str(pg_bin / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(folder / "log"),
                "-o",
                options,
                "-w",
                "start",
            ],
            **run,  # type: ignore[call-overload]
        )
        if start.returncode != 0:
            log = (folder / "log").read_text() if (folder / "log").exists() else ""
            raise AssertionError(f"PostgreSQL did not start: {start.stderr}\n{log}")
        yield Postgres(port, user)
    finally:
        subprocess.run([*as_postgres, str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], **run)  # type: ignore[call-overload]
        shutil.rmtree(folder, ignore_errors=True)
