"""The real oracles: Elixir's own parser and `mix format`, when elixir is on PATH.

CI sets MIR_FIX_REQUIRE_ELIXIR=1 so that a missing elixir fails instead of skipping.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# What `import_deps: [:ecto, :ecto_sql, :phoenix]` brings into a generated Phoenix app's formatter
# (ecto exports `from: 2` with its schema macros).
FORMATTER = """[
  inputs: ["**/*.{ex,exs}"],
  locals_without_parens: [
    add: 2, add: 3, add_if_not_exists: 2, add_if_not_exists: 3, alter: 2, create: 1, create: 2,
    create_if_not_exists: 1, create_if_not_exists: 2, drop: 1, drop: 2, drop_if_exists: 1,
    drop_if_exists: 2, execute: 1, execute: 2, modify: 2, modify: 3, remove: 1, remove: 2,
    remove: 3, remove_if_exists: 2, rename: 2, rename: 3, timestamps: 0, timestamps: 1,
    field: 1, field: 2, field: 3, belongs_to: 2, belongs_to: 3, has_one: 2, has_one: 3,
    has_many: 2, has_many: 3, many_to_many: 2, many_to_many: 3, embeds_one: 2, embeds_one: 3,
    embeds_many: 2, embeds_many: 3, embeds_one: 4, embeds_many: 4, from: 2,
    schema: 2, embedded_schema: 1, attr: 2, attr: 3, slot: 1,
    slot: 2, slot: 3, plug: 1, plug: 2, pipe_through: 1, get: 3, get: 4, post: 3, post: 4,
    live: 2, live: 3, live: 4, socket: 2, socket: 3, forward: 2, forward: 3, action_fallback: 1
  ]
]
"""

PARSE_SCRIPT = r"""
[list] = System.argv()
for path <- File.read!(list) |> String.split("\n", trim: true) do
  case Code.string_to_quoted(File.read!(path)) do
    {:ok, _} -> :ok
    {:error, reason} -> IO.puts("#{path}\t#{inspect(reason)}")
  end
end
"""


def elixir_or_skip() -> str:
    elixir = shutil.which("elixir")
    if elixir is None:
        if os.environ.get("MIR_FIX_REQUIRE_ELIXIR") == "1":
            pytest.fail("elixir is not on PATH but MIR_FIX_REQUIRE_ELIXIR=1 (apt-get install -y elixir)")
        pytest.skip("elixir is not on PATH (apt-get install -y elixir)")
    return elixir


def elixir_rejects(paths: list[Path]) -> dict[str, str]:
    """Files Code.string_to_quoted/1 rejects, with its reason; one elixir run for all."""
    elixir = elixir_or_skip()
    if not paths:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp, "files.txt")
        listing.write_text("\n".join(str(p) for p in paths))
        script = Path(tmp, "parse.exs")
        script.write_text(PARSE_SCRIPT)
        result = subprocess.run([elixir, str(script), str(listing)], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise AssertionError(f"elixir failed: {result.stderr}")
    rejected = {}
    for line in result.stdout.splitlines():
        path, _, reason = line.partition("\t")
        rejected[path] = reason
    return rejected


def mix_format_differences(paths: list[Path]) -> dict[str, str]:
    """Files `mix format` would change, with a Phoenix app's locals_without_parens."""
    elixir_or_skip()
    mix = shutil.which("mix")
    if mix is None or not paths:
        return {}
    differences = {}
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, ".formatter.exs").write_text(FORMATTER)
        copies = {}
        for i, path in enumerate(paths):
            copy = Path(tmp, f"f{i}{path.suffix}")
            copy.write_bytes(path.read_bytes())
            copies[copy] = path
        subprocess.run([mix, "format", *map(str, copies)], cwd=tmp, capture_output=True, timeout=600)
        for copy, original in copies.items():
            if copy.read_bytes() != original.read_bytes():
                differences[str(original)] = json.dumps(copy.read_text())
    return differences
