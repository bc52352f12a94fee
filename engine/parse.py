"""Tree-sitter parsing of Elixir and HEEx, with `~H` sigils mapped to file offsets.

Parsers are built once per process; tree-sitter parsing dominates the run time,
so nothing here walks a tree more than once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import tree_sitter_elixir
from tree_sitter import Language, Node, Parser, Tree


@cache
def elixir_language() -> Language:
    return Language(tree_sitter_elixir.language())


@cache
def heex_language() -> Language:
    from tree_sitter_language_pack import get_language

    language: Language = get_language("heex")
    return language


@cache
def _elixir_parser() -> Parser:
    return Parser(elixir_language())


@cache
def _heex_parser() -> Parser:
    return Parser(heex_language())


def parse_elixir(content: bytes) -> Tree:
    return _elixir_parser().parse(content)


def parse_heex(content: bytes) -> Tree:
    return _heex_parser().parse(content)


def count_errors(node: Node) -> int:
    """ERROR and MISSING nodes under `node`; subtrees without errors are skipped."""
    if not node.has_error:
        return 0
    if node.is_error or node.is_missing:
        return 1 + sum(count_errors(child) for child in node.children)
    return sum(count_errors(child) for child in node.children)


def first_error_line(node: Node) -> int | None:
    """1-based line of the first ERROR or MISSING node, for messages."""
    if not node.has_error:
        return None
    if node.is_error or node.is_missing:
        return node.start_point[0] + 1
    for child in node.children:
        line = first_error_line(child)
        if line is not None:
            return line
    return node.start_point[0] + 1


@dataclass(frozen=True)
class HeexRegion:
    """The content of one `~H` sigil (or a whole .heex file) and its tree.

    Offsets in `tree` are relative to `start`; add `start` to get file offsets.
    """

    start: int
    end: int
    tree: Tree

    @property
    def errors(self) -> int:
        return count_errors(self.tree.root_node)


def iter_sigils(node: Node, name: bytes) -> Iterator[Node]:
    """Every sigil node named `name` (b"H" for HEEx) under `node`, in source order."""
    from .elixir import captures

    sigil_name = name.decode()
    query = f'((sigil (sigil_name) @name) @sigil (#eq? @name "{sigil_name}"))'
    yield from captures(node, query, "sigil")


def _first_of_type(node: Node, type_name: str) -> Node | None:
    for child in node.children:
        if child.type == type_name:
            return child
    return None


def heex_regions(tree: Tree, content: bytes) -> list[HeexRegion]:
    """The `~H` templates of an Elixir file, each parsed with the HEEx grammar."""
    regions = []
    for sigil in iter_sigils(tree.root_node, b"H"):
        body = _first_of_type(sigil, "quoted_content")
        if body is None:
            continue
        regions.append(HeexRegion(body.start_byte, body.end_byte, parse_heex(content[body.start_byte : body.end_byte])))
    return regions


@dataclass(frozen=True)
class ParseHealth:
    """How well a file parses: compared before and after every rewrite."""

    elixir_errors: int
    heex_errors: int

    def worse_than(self, other: ParseHealth) -> bool:
        return self.elixir_errors > other.elixir_errors or self.heex_errors > other.heex_errors


def parse_health(content: bytes, kind: str) -> ParseHealth:
    if kind == "heex":
        return ParseHealth(0, count_errors(parse_heex(content).root_node))
    tree = parse_elixir(content)
    heex = sum(region.errors for region in heex_regions(tree, content))
    return ParseHealth(count_errors(tree.root_node), heex)


def kind_of(path: str) -> str | None:
    if path.endswith((".ex", ".exs")):
        return "elixir"
    if path.endswith(".heex"):
        return "heex"
    return None
