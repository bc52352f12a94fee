"""The SQL validate-constraints and column-default write: defaults as ecto_sql writes them, string values."""

from __future__ import annotations

import pytest

from mir_fix.codemods._constraint_sql import UnknownDefault, default_sql, execute_statement, string_value
from mir_fix.engine.elixir import call_args
from mir_fix.engine.parse import parse_elixir


def argument(text: str):
    tree = parse_elixir(b"x(" + text.encode() + b")")
    return call_args(tree.root_node.children[0])[0]


@pytest.mark.parametrize(
    "elixir, sql",
    [
        ('"new"', "'new'"),
        ('"it\'s"', "'it''s'"),
        ('"say \\"hi\\""', "'say \"hi\"'"),
        ("~s(a 'b')", "'a ''b'''"),
        ("1_000", "1000"),
        ("0x1F", "31"),
        ("-5", "-5"),
        ("2.5", "2.5"),
        ("-0.25", "-0.25"),
        ("true", "true"),
        ("false", "false"),
        ("nil", "NULL"),
        ('fragment("now()")', "now()"),
        ("fragment(~s|gen_random_uuid()|)", "gen_random_uuid()"),
    ],
)
def test_default_sql_is_what_ecto_sql_writes(elixir: str, sql: str) -> None:
    assert default_sql(argument(elixir)) == sql


@pytest.mark.parametrize(
    "elixir",
    [
        "%{}",
        "[1, 2]",
        ":draft",
        "@default",
        "value",
        '"#{x}"',
        '"tab\\x41"',
        "1000.0",  # Elixir prints 1.0e3
        "1.0e10",
        "0.0001",
        'fragment("#{x}")',
        "fragment(sql)",
    ],
)
def test_default_sql_refuses_what_it_cannot_write_exactly(elixir: str) -> None:
    with pytest.raises(UnknownDefault):
        default_sql(argument(elixir))


@pytest.mark.parametrize(
    "elixir, value",
    [
        ('"ALTER TABLE t"', "ALTER TABLE t"),
        ('"""\nALTER TABLE t\n"""', "\nALTER TABLE t\n"),
        ('~s|ALTER TABLE "t"|', 'ALTER TABLE "t"'),
        ("~S(a\\b)", "a\\b"),
        ('"a\\\\b"', "a\\b"),
    ],
)
def test_string_value(elixir: str, value: str) -> None:
    found = string_value(argument(elixir))
    assert found is not None and found.value == value


def test_string_value_refuses_interpolation_and_modifiers() -> None:
    assert string_value(argument('"a#{b}"')) is None
    assert string_value(argument("~r(a)i")) is None
    assert string_value(argument("~s(a)u")) is None


def test_execute_statement_wraps_the_undo_as_mix_format_aligns_it() -> None:
    up = 'ALTER TABLE "orders" ALTER COLUMN "status" SET DEFAULT \'new\''
    down = 'ALTER TABLE "orders" ALTER COLUMN "status" DROP DEFAULT'
    assert execute_statement(up, "", 4) == f'execute ~s({up}), ""'
    assert execute_statement(up, None, 4) == f"execute ~s({up})"
    assert execute_statement(up, down, 4) == f"execute ~s({up}),\n{' ' * 12}~s({down})"
