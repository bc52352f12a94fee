from __future__ import annotations

import pytest

from mir_fix.codemods._migration import literal_name
from mir_fix.engine.elixir import call_args, is_literal, line_end
from mir_fix.engine.parse import parse_elixir


def args_of(source: bytes):
    tree = parse_elixir(source)
    return call_args(tree.root_node.children[0])


@pytest.mark.parametrize(
    "text, literal",
    [
        ('"EUR"', True),
        ("0", True),
        ("[:a, :b]", True),
        ("%{}", True),
        ('%{"b" => [1, :a], c: true}', True),
        ("%Foo{}", False),
        ("%{a: b}", False),
        ('"#{x}"', False),
        ("@opts", False),
        ("opts", False),
        ("prefix()", False),
    ],
)
def test_is_literal(text: str, literal: bool) -> None:
    (arg,) = args_of(b"x(" + text.encode() + b")")
    assert is_literal(arg) is literal


@pytest.mark.parametrize(
    "text, name", [(":orders", "orders"), ('"orders"', "orders"), ("@table", None), ('"#{t}_x"', None)]
)
def test_literal_name(text: str, name: str | None) -> None:
    (arg,) = args_of(b"x(" + text.encode() + b")")
    assert literal_name(arg) == name


def test_line_end_stops_before_a_carriage_return() -> None:
    assert line_end(b"ab\r\ncd", 0) == 2
    assert line_end(b"ab\ncd", 0) == 2
    assert line_end(b"abcd", 1) == 4
