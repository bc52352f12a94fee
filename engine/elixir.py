"""Reading tree-sitter-elixir trees: calls, arguments, keywords, blocks, layout.

Only syntax lives here; what a call means in Phoenix or Ecto is the codemods' business.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from tree_sitter import Node, Query, QueryCursor

from .parse import elixir_language

SKIPPED = frozenset({"comment"})


def named(node: Node) -> list[Node]:
    """Named children without comments."""
    return [c for c in node.named_children if c.type not in SKIPPED]


def call_name(node: Node) -> str | None:
    """`create` for `create index(...)`; None for remote calls (`Repo.insert`) and non-calls."""
    if node.type != "call":
        return None
    target = node.child_by_field_name("target")
    if target is None or target.type != "identifier":
        return None
    return (target.text or b"").decode("utf-8")


def remote_call(node: Node) -> tuple[str, str] | None:
    """(`Repo`, `insert`) for `Repo.insert(...)`; None otherwise."""
    if node.type != "call":
        return None
    target = node.child_by_field_name("target")
    if target is None or target.type != "dot":
        return None
    left = target.child_by_field_name("left")
    right = target.child_by_field_name("right")
    if left is None or right is None:
        return None
    return ((left.text or b"").decode("utf-8"), (right.text or b"").decode("utf-8"))


def arguments_node(call: Node) -> Node | None:
    for child in call.children:
        if child.type == "arguments":
            return child
    return None


def call_args(call: Node) -> list[Node]:
    args = arguments_node(call)
    return named(args) if args is not None else []


def has_parens(call: Node) -> bool:
    args = arguments_node(call)
    return args is not None and args.child_count > 0 and args.children[0].type == "("


def open_ended(node: Node) -> bool:
    """True when `, x` written right after `node` would become part of it: it ends in a call without parentheses.

    `index(:t, columns :c)` plus `, concurrently: true` gives `columns(:c, concurrently: true)`.
    """
    current: Node | None = node
    while current is not None:
        bare = current.type == "call" and not has_parens(current) and do_block(current) is None
        if bare and arguments_node(current) is not None:
            return True
        current = current.children[-1] if current.children else None
    return False


def do_block(call: Node) -> Node | None:
    for child in call.children:
        if child.type == "do_block":
            return child
    return None


def block_body(call: Node) -> list[Node] | None:
    """Statements of `name ... do ... end` or of a `do:` keyword; None when there is no body."""
    block = do_block(call)
    if block is not None:
        return named(block)
    args = call_args(call)
    if args and args[-1].type == "keywords":
        for key, value in keyword_pairs(args[-1]):
            if key == "do":
                return [value]
    return None


def keyword_key(pair: Node) -> str | None:
    key = pair.child_by_field_name("key")
    if key is None or key.type != "keyword":
        return None
    return (key.text or b"").decode("utf-8").rstrip().rstrip(":")


def keyword_pairs(keywords: Node) -> list[tuple[str | None, Node]]:
    """(key, value) for each `key: value` of a keywords node; value is the value node."""
    pairs = []
    for pair in named(keywords):
        value = pair.child_by_field_name("value")
        if pair.type == "pair" and value is not None:
            pairs.append((keyword_key(pair), value))
    return pairs


def walk(node: Node) -> Iterator[Node]:
    """Every node under `node` (itself included), depth first, in source order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


@cache
def _query(source: str) -> Query:
    return Query(elixir_language(), source)


# (node id, span, query) -> (the node, its captures by name). The entry holds the node, and so its tree: a
# tree freed while its results were remembered could give its address to a new tree of the same length,
# which would then get the old tree's results (an empty list, say).
_captured: dict[tuple[int, int, int, str], tuple[Node, dict[str, list[Node]]]] = {}


def forget_captures() -> None:
    """Drop remembered query results; called before each file, whose trees they point into."""
    _captured.clear()


def captures(node: Node, query: str, name: str) -> list[Node]:
    """Nodes captured as `@name` by a tree-sitter query, in source order (runs in C, not Python).

    Results are remembered per node and query until forget_captures(): several
    codemods ask the same questions of one file.
    """
    key = (node.id, node.start_byte, node.end_byte, query)
    if key not in _captured:
        found = QueryCursor(_query(query)).captures(node)
        _captured[key] = (node, {k: sorted(v, key=lambda n: (n.start_byte, -n.end_byte)) for k, v in found.items()})
    return list(_captured[key][1].get(name, []))


def calls_named(node: Node, names: frozenset[str]) -> list[Node]:
    """Local calls (`create index(...)`, `defmodule ...`) under `node` whose name is in `names`."""
    quoted = " ".join('"' + n + '"' for n in sorted(names))
    return captures(node, f"((call target: (identifier) @target) @call (#any-of? @target {quoted}))", "call")


_ELIXIR_ATOM = re.compile(r'^:"Elixir\.([A-Z][\w.]*)"$')


def module_name(node: Node) -> str | None:
    """`Shop.Repo` for the alias `Shop.Repo` or the quoted atom `:"Elixir.Shop.Repo"`; None for anything else."""
    text = (node.text or b"").decode("utf-8", errors="replace")
    if node.type == "alias":
        return text
    match = _ELIXIR_ATOM.match(text) if node.type == "quoted_atom" else None
    return match.group(1) if match else None


def module_definitions(root: Node) -> list[Node]:
    """Every `defmodule` call in a file, in source order (what calls_named(root, {"defmodule"}) gives, faster).

    Modules almost always sit at the top level or in another module's body, so
    only those statements are looked at. When the file holds the word
    `defmodule` more often than that finds (a module in an `if` or a quote, or
    the word in a comment or string), the tree-sitter query over the whole
    tree decides.
    """
    key = (root.id, root.start_byte, root.end_byte, "module_definitions")
    if key not in _captured:
        found: list[Node] = []

        def scan(statements: list[Node]) -> None:
            for statement in statements:
                if call_name(statement) == "defmodule":
                    found.append(statement)
                    scan(block_body(statement) or [])

        scan(named(root))
        if (root.text or b"").count(b"defmodule") != len(found):
            found = calls_named(root, frozenset({"defmodule"}))
        _captured[key] = (root, {"call": found})
    return list(_captured[key][1]["call"])


def module_attribute(node: Node) -> tuple[str, Node | None] | None:
    """(`disable_ddl_transaction`, value) for `@disable_ddl_transaction true`."""
    if node.type != "unary_operator" or node.child_count < 2 or node.children[0].type != "@":
        return None
    operand = node.children[1]
    if operand.type == "identifier":
        return ((operand.text or b"").decode("utf-8"), None)
    name = call_name(operand)
    if name is None:
        return None
    args = call_args(operand)
    return (name, args[0] if len(args) == 1 else None)


def is_literal(node: Node) -> bool:
    """A value that means the same in any module: no variables, attributes or calls."""
    if node.type in {"atom", "quoted_atom", "integer", "float", "boolean", "nil", "char", "keyword"}:
        return True
    if node.type in {"string", "charlist"}:
        return not any(c.type == "interpolation" for c in node.named_children)
    if node.type in {"list", "tuple", "keywords", "pair"}:
        return all(is_literal(c) for c in named(node))
    if node.type == "map":
        return all(c.type == "map_content" and all(_literal_entry(e) for e in named(c)) for c in named(node))
    if node.type == "sigil":
        return not any(c.type == "interpolation" for c in node.named_children)
    return False


def _literal_entry(entry: Node) -> bool:
    if entry.type == "binary_operator":
        operator = entry.child_by_field_name("operator")
        left, right = entry.child_by_field_name("left"), entry.child_by_field_name("right")
        return (
            operator is not None
            and operator.text == b"=>"
            and left is not None
            and right is not None
            and is_literal(left)
            and is_literal(right)
        )
    return is_literal(entry)


@dataclass(frozen=True)
class Layout:
    """Where a node stands on its line, for edits that read as if written by hand."""

    line_start: int
    column: int
    indent: str


def layout(content: bytes, offset: int) -> Layout:
    start = content.rfind(b"\n", 0, offset) + 1
    prefix = content[start:offset]
    indent_len = len(prefix) - len(prefix.lstrip(b" \t"))
    return Layout(start, len(prefix.decode("utf-8", "replace")), prefix[:indent_len].decode("utf-8"))


def line_end(content: bytes, offset: int) -> int:
    """Offset of the newline ending the line that holds `offset` (or the end of content)."""
    end = content.find(b"\n", offset)
    if end == -1:
        return len(content)
    return end - 1 if end > offset and content[end - 1 : end] == b"\r" else end


def starts_line(content: bytes, offset: int) -> bool:
    """Only whitespace stands before `offset` on its line."""
    start = content.rfind(b"\n", 0, offset) + 1
    return content[start:offset].strip(b" \t") == b""
