from __future__ import annotations

import pytest

from mir_fix.codemods._migration import literal_name
from mir_fix.engine.elixir import (
    call_args,
    calls_named,
    forget_captures,
    is_literal,
    line_end,
    module_definitions,
    open_ended,
)
from mir_fix.engine.parse import iter_sigils, parse_elixir


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


@pytest.mark.parametrize(
    "source",
    [
        b"defmodule A do\n  defmodule B do\n    def f, do: 1\n  end\nend\ndefmodule C, do: (defmodule D, do: nil)\n",
        b"if Code.ensure_loaded?(X) do\n  defmodule A do\n  end\nend\n",  # below an if: the query decides
        b"# defmodule in a comment\ndefmodule A do\nend\n",
        b'quote do\n  defmodule unquote(name) do\n  end\nend\ndefmodule B, do: @doc("defmodule")\n',
        b"defmodule A do\n  def f do\n    defmodule Inner do\n    end\n  end\nend\n",
        b"x = 1\n",
    ],
)
def test_module_definitions_finds_what_the_query_finds(source: bytes) -> None:
    root = parse_elixir(source).root_node
    forget_captures()
    fast = module_definitions(root)
    forget_captures()
    assert [n.start_byte for n in fast] == [n.start_byte for n in calls_named(root, frozenset({"defmodule"}))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("f(:t, columns :c)", True),
        ('f(:t, [:c], where: sql "x")', True),
        ("f(:t, a |> g 1)", True),
        ("f(:t, columns(:c))", False),
        ('f(:t, [:c], where: "x")', False),
        ("f(:t, cols)", False),
        ("f(:t, [:c], unique: true)", False),
        ("f(:t, fn x -> g x end)", False),
    ],
)
def test_open_ended(text: str, expected: bool) -> None:
    last = args_of(text.encode())[-1]
    assert open_ended(last) is expected


def test_remembered_captures_never_reach_a_new_tree_of_the_same_length() -> None:
    """A freed tree's address can be reused by the next parse; its remembered results must not be."""
    forget_captures()
    for _ in range(200):
        plain = parse_elixir(b'y = ~s"<p></p>"\n')
        assert list(iter_sigils(plain.root_node, b"H")) == []
        del plain
        heex = parse_elixir(b'y = ~H"<p></p>"\n')
        assert len(list(iter_sigils(heex.root_node, b"H"))) == 1
    forget_captures()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("defmodule Shop.Repo do\nend\n", "Shop.Repo"),
        ('defmodule :"Elixir.Shop.Repo.Migrations.X" do\nend\n', "Shop.Repo.Migrations.X"),
        ("defmodule :shop_repo do\nend\n", None),
        ('defmodule :"shop" do\nend\n', None),
    ],
)
def test_module_name_of_an_alias_or_an_elixir_atom(text: str, name: str | None) -> None:
    from mir_fix.engine.elixir import module_name

    module = module_definitions(parse_elixir(text.encode()).root_node)[0]
    assert module_name(call_args(module)[0]) == name
