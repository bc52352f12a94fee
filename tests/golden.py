"""The golden runner (SPEC 4): before/ -> mir-fix --write -> must equal after/, twice.

A case passes exactly the options its case.toml names (`args`): a case that
rewrites a migration older than the newest one in its folder says
`--all-migrations`, as a user of an app never deployed would.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mir_fix.cli import main

ROOT = Path(__file__).resolve().parent.parent / "golden"


@dataclass(frozen=True)
class GoldenCase:
    folder: Path

    @property
    def codemod(self) -> str:
        return self.folder.parent.name

    @property
    def name(self) -> str:
        return f"{self.codemod}/{self.folder.name}"

    @property
    def spec(self) -> dict[str, Any]:
        with open(self.folder / "case.toml", "rb") as handle:
            return tomllib.load(handle)

    @property
    def expect(self) -> dict[str, Any]:
        expect: dict[str, Any] = self.spec.get("expect", {})
        return expect

    def args(self) -> list[str]:
        args = ["--select", self.codemod]
        if "pg_version" in self.spec:
            args += ["--pg-version", str(self.spec["pg_version"])]
        return args + list(self.spec.get("args", []))

    @property
    def before(self) -> Path:
        return self.folder / "before"

    @property
    def after(self) -> Path:
        return self.folder / "after"


def all_cases() -> list[GoldenCase]:
    return [GoldenCase(p.parent) for p in sorted(ROOT.glob("*/*/case.toml"))]


def run_cli(args: list[str]) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([*args, "--format", "json"])
    return code, json.loads(out.getvalue())


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def regenerate(work: Path, case: GoldenCase) -> None:
    if case.after.exists():
        shutil.rmtree(case.after)
    shutil.copytree(work, case.after)
