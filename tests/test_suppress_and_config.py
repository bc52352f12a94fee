from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from mir_fix.codemods.idempotent_events import PREFIXES
from mir_fix.engine.config import ConfigError, find_config, known_codemod_options, load_config
from mir_fix.engine.suppress import find_suppressions, suppression_findings, unused_suppressions

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


def test_same_line_comment_covers_its_own_line_only() -> None:
    found = find_suppressions(
        b"create index(:a, [:b])  # mir-fix: ignore\ncreate index(:c, [:d]) # mir-fix: ignore not-null\nx\n"
    )
    assert found.line_ignored("index-concurrently", 1)
    assert not found.line_ignored("index-concurrently", 2)
    assert found.line_ignored("not-null", 2)
    assert not found.line_ignored("not-null", 3)


def test_trailing_excellent_migrations_comment_is_not_read_as_they_do_not() -> None:
    found = find_suppressions(b"x # excellent_migrations:safety-assured-for-next-line index_not_concurrently\ny\n")
    assert not found.line_ignored("index-concurrently", 2, frozenset({"index_not_concurrently"}))


def test_ids_in_kebab_or_snake_case() -> None:
    found = find_suppressions(
        b"# mir-fix: ignore index_concurrently\na\n"
        b"# excellent_migrations:safety-assured-for-next-line index-not-concurrently\nb\n"
    )
    assert found.line_ignored("index-concurrently", 2)
    assert found.line_ignored("index-concurrently", 4, frozenset({"index_not_concurrently"}))


def test_stacked_comments_all_cover_the_statement_after_them() -> None:
    found = find_suppressions(
        b"  # excellent_migrations:safety-assured-for-next-line index_not_concurrently\n"
        b"  # excellent_migrations:safety-assured-for-next-line not_null_added column_added_with_default\n"
        b"  # why: the table is empty\n"
        b"  # mir-fix: ignore streams\n"
        b"  add :a, :text, null: false\n"
        b"\n"
        b"  # mir-fix: ignore\n"
        b"\n"
        b"  add :b, :text\n"
    )
    assert found.line_ignored("index-concurrently", 5, frozenset({"index_not_concurrently"}))
    assert found.line_ignored("not-null", 5, frozenset({"not_null_added"}))
    assert found.line_ignored("streams", 5)
    assert not found.line_ignored("index-concurrently", 4, frozenset({"index_not_concurrently"}))
    assert not found.line_ignored("streams", 9)  # a blank line ends the reach of a comment


def test_spaces_around_the_colon() -> None:
    found = find_suppressions(
        b"# excellent_migrations : safety-assured-for-next-line index_not_concurrently\na\n"
        b"#mir-fix :ignore\nb\n# excellent_migrations:  safety-assured-for-this-file not_null_added\n"
    )
    assert found.line_ignored("index-concurrently", 2, frozenset({"index_not_concurrently"}))
    assert found.line_ignored("streams", 4)
    assert found.file_ignored("not-null", frozenset({"not_null_added"}))


@pytest.mark.parametrize(
    "attribute, covered, not_covered",
    [
        (b"@safety_assured :all", ["index_not_concurrently", "not_null_added"], []),
        (b"@safety_assured true", ["index_not_concurrently"], []),
        (b"@safety_assured [:all]", ["not_null_added"], []),
        (b"@safety_assured :index_not_concurrently", ["index_not_concurrently"], ["not_null_added"]),
        (
            b"@safety_assured [:index_not_concurrently, :raw_sql_executed]",
            ["index_not_concurrently"],
            ["not_null_added"],
        ),
        (
            b"@safety_assured [\n    :not_null_added,\n    :column_added_with_default\n  ]",
            ["not_null_added"],
            ["index_not_concurrently"],
        ),
    ],
)
def test_safety_assured_attribute_covers_the_module(
    attribute: bytes, covered: list[str], not_covered: list[str]
) -> None:
    found = find_suppressions(
        b"defmodule M do\n  use Ecto.Migration\n  " + attribute + b"\n  def change, do: nil\nend\n"
    )
    for check in covered:
        assert found.file_ignored("x", frozenset({check}))
    for check in not_covered:
        assert not found.file_ignored("x", frozenset({check}))
    # Like an assurance naming no check, one for all of them covers codemods that honour none.
    assert found.file_ignored("x") is (not not_covered)


def test_unknown_codemod_in_a_comment_is_a_warning() -> None:
    found = find_suppressions(b"# mir-fix: ignore index-concurently, not_null\na\n# mir-fix: ignore-file nope\n")
    findings = suppression_findings(found, "m.exs", {"index-concurrently", "not-null"})
    assert [(f.codemod, f.line) for f in findings] == [("mir-fix", 1), ("mir-fix", 3)]
    assert "`index-concurently`" in findings[0].message and "not_null" not in findings[0].message
    assert "`nope`" in findings[1].message


def test_unused_suppressions_are_those_no_codemod_that_ran_consulted() -> None:
    found = find_suppressions(b"# mir-fix: ignore\na\n# mir-fix: ignore not-null, streams\nb\nc  # mir-fix: ignore\n")
    assert found.line_ignored("not-null", 4)
    unused = unused_suppressions(found, "m.exs", ["not-null", "streams"], every_codemod=True)
    assert [(f.line, f.codemod) for f in unused] == [(1, "mir-fix"), (3, "mir-fix"), (5, "mir-fix")]
    assert "nothing for streams;" in unused[1].message
    # A codemod that did not run is not judged; a bare comment is not judged when codemods were left out.
    assert [f.line for f in unused_suppressions(found, "m.exs", ["not-null"], every_codemod=False)] == []


def test_config_is_read_and_checked(tmp_path: Path) -> None:
    config = tmp_path / ".mir-fix.toml"
    config.write_text(
        'select = ["index-concurrently"]\npg_version = 12\nstart_after = "20240101000000"\n'
        'migrations_paths = ["priv/repo/migrations"]\n[codemods.idempotent-events]\nprefixes = ["create_"]\n'
    )
    options = load_config(config)
    assert options.select == frozenset({"index-concurrently"})
    assert options.pg_version == 12
    assert options.start_after == "20240101000000"
    assert options.migrations_paths == (str(tmp_path / "priv/repo/migrations"),)
    assert options.for_codemod("idempotent-events") == {"prefixes": ["create_"]}
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


EXAMPLE = Path(__file__).resolve().parent.parent / ".mir-fix.toml.example"


def example_uncommented() -> str:
    """.mir-fix.toml.example with every commented-out setting turned on."""
    lines = []
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            lines.append(line)
        elif re.match(r'# (\[codemods\.[\w-]+\]$|\w+ = |\s+")', line):
            lines.append(line[2:])
    return "\n".join(lines) + "\n"


def test_the_example_config_shows_every_setting_and_every_codemod_option(tmp_path: Path) -> None:
    config = tmp_path / ".mir-fix.toml"
    config.write_text(example_uncommented())
    options = load_config(config)  # every key in it is known
    data = tomllib.loads(config.read_text())
    settings = {
        "select",
        "ignore",
        "pg_version",
        "start_after",
        "migrations_paths",
        "exclude",
        "codemods",
        "skip_checks",
    }
    assert set(data) == settings
    declared = {i: o for i, o in known_codemod_options().items() if o}
    assert {i: set(o) for i, o in data["codemods"].items()} == {i: set(o) for i, o in declared.items()}
    assert declared == {"streams": {"live_view_version"}, "idempotent-events": {"prefixes"}}
    # The example's values are the defaults or work as written.
    assert options.for_codemod("idempotent-events")["prefixes"] == list(PREFIXES)
    assert load_config(EXAMPLE).pg_version == 14  # as shipped (all commented out but pg_version) it loads too


def test_the_options_the_codemods_read_are_the_ones_they_declare() -> None:
    root = Path(__file__).resolve().parent.parent / "codemods"
    read: dict[str, set[str]] = {}
    for module in root.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        ids = re.findall(r'^    id = "([\w-]+)"', text, re.M)
        for name in re.findall(r'for_codemod\(self\.id\)\.get\("(\w+)"', text):
            (codemod_id,) = ids
            read.setdefault(codemod_id, set()).add(name)
    assert read == {i: set(o) for i, o in known_codemod_options().items() if o}


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "[codemods.streams]\nliveview_version = '0.20.0'\n",
            r"\[codemods\.streams\]: unknown option\(s\) liveview_version; known: \['live_view_version'\]",
        ),
        (
            "[codemods.not-null]\nbatch_size = 500\n",
            r"\[codemods\.not-null\]: unknown option\(s\) batch_size; it takes no options",
        ),
        (
            "[codemods.stream]\nlive_view_version = '0.20.0'\n",
            r"unknown codemod\(s\) \[codemods\.stream\]; known: \[.*'idempotent-events', 'index-concurrently', "
            r".*'not-null', .*'streams'.*\]",
        ),
        ("[codemods]\nstreams = 1\n", r"\[codemods\.<id>\]` tables"),
        (
            "live_view_version = '0.20.0'\n",
            r"unknown setting\(s\) live_view_version; known: \[.*'start_after'.*\] "
            r"\(per-codemod options go in \[codemods\.<id>\] tables\)",
        ),
    ],
)
def test_unknown_keys_anywhere_in_the_config_are_errors_that_say_what_is_known(
    tmp_path: Path, text: str, message: str
) -> None:
    config = tmp_path / ".mir-fix.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(config)


def test_an_unknown_codemod_option_is_a_usage_error_on_the_command_line(tmp_path: Path, monkeypatch) -> None:
    from .cli import run

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".mir-fix.toml").write_text("[codemods.idempotent-events]\nprefix = ['create_']\n")
    code, _, err = run(["."])
    assert code == 2
    assert "unknown option(s) prefix; known: ['prefixes']" in err


def test_skip_checks_from_the_config_or_else_from_excellent_migrations(tmp_path: Path) -> None:
    from mir_fix.codemods._migration_scope import skipped_checks, skips
    from mir_fix.engine.change import Finding
    from mir_fix.engine.codemod import Context, ParsedSource, Workspace
    from mir_fix.engine.config import Options
    from mir_fix.engine.parse import parse_elixir
    from mir_fix.engine.source import load_source

    (tmp_path / ".git").mkdir()
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "dev.exs").write_text(
        "import Config\nconfig :excellent_migrations, skip_checks: [:raw_sql_executed, :column_removed]\n"
    )
    migration = tmp_path / "priv" / "repo" / "migrations" / "20240101000000_x.exs"
    migration.parent.mkdir(parents=True)
    migration.write_text("defmodule X do\n  use Ecto.Migration\nend\n")
    loaded = load_source(migration, "x.exs")
    source = ParsedSource(loaded, parse_elixir(loaded.content), find_suppressions(loaded.content))
    theirs = skipped_checks(source, Context(Options(), Workspace(tmp_path)))
    assert theirs == {"raw_sql_executed", "column_removed"}
    ours = skipped_checks(source, Context(Options(skip_checks=frozenset({"table_dropped"})), Workspace(tmp_path)))
    assert ours == {"table_dropped"}  # .mir-fix.toml's list wins over excellent_migrations'
    finding = Finding("migration-hazards", "x.exs", 1, "m", check="column_removed")
    assert skips(finding, theirs, frozenset())
    assert not skips(Finding("migration-hazards", "x.exs", 1, "m", check="table_dropped"), theirs, frozenset())
    # An item without a check of its own goes when every check its codemod answers is skipped.
    plain = Finding("index-concurrently", "x.exs", 1, "m")
    assert skips(plain, frozenset({"index_not_concurrently"}), frozenset({"index_not_concurrently"}))
    assert not skips(plain, theirs, frozenset({"index_not_concurrently"}))
    config = tmp_path / ".mir-fix.toml"
    config.write_text('skip_checks = [":raw_sql_executed", "not-null-added"]\n')
    assert load_config(config).skip_checks == frozenset({"raw_sql_executed", "not_null_added"})
