from __future__ import annotations

from pathlib import Path

import pytest

from mir_fix.engine.config import ConfigError, find_config, load_config
from mir_fix.engine.suppress import find_suppressions

SOURCE = b"""defmodule M do
  # mir-fix: ignore
  create index(:a, [:b])
  # mir-fix: ignore not-null, streams
  create index(:c, [:d])
  # excellent_migrations:safety-assured-for-next-line index_not_concurrently column_removed
  create index(:e, [:f])
end
"""


def test_ignore_without_id_covers_every_codemod_on_the_next_line_only() -> None:
    found = find_suppressions(SOURCE)
    assert found.line_ignored("index-concurrently", 3)
    assert not found.line_ignored("index-concurrently", 4)


def test_ignore_with_ids_covers_only_those() -> None:
    found = find_suppressions(SOURCE)
    assert found.line_ignored("not-null", 5)
    assert found.line_ignored("streams", 5)
    assert not found.line_ignored("index-concurrently", 5)


def test_excellent_migrations_assurance_covers_the_matching_check() -> None:
    found = find_suppressions(SOURCE)
    assert found.line_ignored("index-concurrently", 7, frozenset({"index_not_concurrently"}))
    assert not found.line_ignored("not-null", 7, frozenset({"not_null_added"}))


def test_file_level_suppressions() -> None:
    found = find_suppressions(b"# mir-fix: ignore-file streams\n# excellent_migrations:safety-assured-for-this-file\n")
    assert found.file_ignored("streams")
    assert found.file_ignored("index-concurrently")  # the unqualified assurance covers every check
    assert not find_suppressions(b"# mir-fix: ignore-file streams\n").file_ignored("not-null")


def test_config_is_read_and_checked(tmp_path: Path) -> None:
    config = tmp_path / ".mir-fix.toml"
    config.write_text(
        'select = ["index-concurrently"]\npg_version = 12\nstart_after = "20240101000000"\n'
        'migrations_paths = ["priv/repo/migrations"]\n[codemods.not-null]\nbatch_size = 500\n'
    )
    options = load_config(config)
    assert options.select == frozenset({"index-concurrently"})
    assert options.pg_version == 12
    assert options.start_after == "20240101000000"
    assert options.migrations_paths == (str(tmp_path / "priv/repo/migrations"),)
    assert options.for_codemod("not-null") == {"batch_size": 500}
    assert find_config(tmp_path / "lib") == config


@pytest.mark.parametrize(
    "text, message",
    [
        ("pg_version = 'fourteen'\n", "whole number"),
        ("start_after = 'yesterday'\n", "migration timestamp"),
        ("selcet = []\n", "unknown setting"),
        ("select = [\n", "not valid TOML"),
    ],
)
def test_bad_config_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / ".mir-fix.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(config)
