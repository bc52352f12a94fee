"""What the command-line tests share: the bundled example app, and mir-fix run in-process."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from mir_fix.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(args: list[str]) -> tuple[int, str, str]:
    """mir-fix with `args`: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()
