"""Raw index statements in a migration's `execute` calls, read through the Elixir literal that holds them.

`execute "CREATE INDEX ..."` (or `execute up_sql, down_sql`) as a statement of
change/0, up/0 or down/0, with the SQL in any literal Elixir reads as a plain
binary: "...", \"\"\" heredocs, ~s/~S sigils with any delimiter, heredoc sigils.
The literal is read into the SQL text Elixir would send, character by
character, remembering where each character stands in the file, so that
CONCURRENTLY can be inserted right after INDEX and nothing else moves.
Escapes are decoded (`\\"Orders\\"` is the identifier "Orders"); an
interpolation is one OPAQUE character the SQL reader refuses to trust in a
statement's head.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from mir_fix.engine.codemod import ParsedSource
from mir_fix.engine.edit import Edit
from mir_fix.engine.elixir import call_args, call_name, calls_named, walk

from ._migration import MigrationModule
from ._raw_sql import (
    OPAQUE_CHAR,
    IndexStatement,
    SqlError,
    Token,
    created_relation,
    default_index_name,
    index_statement,
    plain_columns,
)
from ._raw_sql import statements as sql_statements

# \n, \t ... in "..." and ~s; a backslash before punctuation stands for the punctuation (\" \\ \) \|).
SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "s": " ", "\n": "", "\r\n": ""}
STRING_SIGILS = frozenset({"s", "S"})
# Index DDL somewhere in a text mir-fix cannot read as one literal (loose on purpose: it only reports).
MENTIONS_PLAIN_INDEX = re.compile(r"\b(?:CREATE\s+(?:UNIQUE\s+)?INDEX|DROP\s+INDEX)\b(?!\s+(?:CONCURRENTLY|#\{))", re.I)


@dataclass(frozen=True)
class SqlLiteral:
    """The text an Elixir string literal holds, and the file offset of each of its characters."""

    node: Node
    text: str
    offsets: tuple[int, ...]  # the file offset of each character of text

    def byte_after(self, index: int) -> int:
        """The file offset right after character `index - 1` of the text, which ends a keyword (ASCII)."""
        return self.offsets[index - 1] + 1

    @property
    def multiline_plain(self) -> bool:
        """A line break inside a literal that is not a heredoc: moving it elsewhere would change its text."""
        raw = self.node.text or b""
        return b"\n" in raw and b'"""' not in raw[:5] and b"'''" not in raw[:5]


def sql_literal(node: Node) -> SqlLiteral | None:
    """The SQL of a "..." / \"\"\"...\"\"\" string or a ~s/~S sigil without modifiers; None for anything else."""
    if node.type == "sigil":
        name = next((c for c in node.children if c.type == "sigil_name"), None)
        if name is None or (name.text or b"").decode() not in STRING_SIGILS:
            return None
        if any(c.type == "sigil_modifiers" and c.end_byte > c.start_byte for c in node.children):
            return None
    elif node.type != "string":
        return None
    chars: list[str] = []
    offsets: list[int] = []
    for child in node.children:
        if child.type == "quoted_content":
            position = child.start_byte
            for char in (child.text or b"").decode("utf-8", "replace"):
                chars.append(char)
                offsets.append(position)
                position += len(char.encode("utf-8"))
        elif child.type == "escape_sequence":
            for char in _escape(child.text or b""):
                chars.append(char)
                offsets.append(child.start_byte)
        elif child.type == "interpolation":
            chars.append(OPAQUE_CHAR)
            offsets.append(child.start_byte)
    return SqlLiteral(node, "".join(chars), tuple(offsets))


def _escape(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    body = text[1:]
    if body in SIMPLE_ESCAPES:
        return SIMPLE_ESCAPES[body]
    if len(body) == 1 and not body.isalnum():
        return body
    return OPAQUE_CHAR  # \x41, \u{...}, \e: mir-fix does not decode them, and will not trust them


@dataclass(frozen=True)
class RawSql:
    """One argument of an execute call, read as SQL."""

    literal: SqlLiteral
    rollback: bool  # the second argument of execute/2: it runs when the migration rolls back
    count: int  # statements in the text
    heads: tuple[IndexStatement, ...]  # its CREATE INDEX / DROP INDEX statements
    columns: tuple[list[str] | None, ...]  # for each head, its bare column names (for PostgreSQL's default name)
    problem: str | None = None  # the text does not tokenize

    def plain(self) -> list[IndexStatement]:
        """Its index statements without CONCURRENTLY (and not left to an interpolation)."""
        return [h for h in self.heads if not h.concurrently and not h.computed]

    def edits(self) -> list[Edit]:
        """CONCURRENTLY right after each plain statement's INDEX keyword."""
        return [
            Edit.insert(self.literal.byte_after(h.insert_at), " concurrently" if h.lower_case else " CONCURRENTLY")
            for h in self.plain()
        ]


@dataclass(frozen=True)
class RawIndexOperation:
    """`execute "CREATE INDEX ..."` (or DROP INDEX; or an execute/2 pair) standing as a statement of change/up/down."""

    statement: Node
    function: str
    sides: tuple[RawSql, ...]  # the arguments that hold index statements, deploy side first

    @property
    def main(self) -> IndexStatement:
        """The statement this operation is about: the first index statement of its first argument."""
        return self.sides[0].heads[0]

    @property
    def creates(self) -> bool:
        return self.main.creates

    @property
    def table(self) -> str | None:
        """The table a CREATE names (without its schema); None for a DROP, which names only the index."""
        return self.main.table.name if self.main.table is not None else None

    @property
    def name(self) -> str | None:
        """The index's name: given, or the one PostgreSQL chooses for bare columns."""
        main = self.main
        if main.name is not None:
            return main.name.name
        columns = self.sides[0].columns[0]
        if self.table is None or columns is None:
            return None
        return default_index_name(self.table, columns)

    @property
    def computed(self) -> bool:
        return any(h.computed for side in self.sides for h in side.heads)

    def concurrently(self, source: ParsedSource) -> str | None:
        """ "true" when every index statement it runs has CONCURRENTLY (the DSL's option, for the planner)."""
        return None if any(side.plain() for side in self.sides) else "true"

    def edits(self) -> list[Edit]:
        return [e for side in self.sides for e in side.edits()]

    def problem(self) -> str | None:
        """Why CONCURRENTLY cannot go into this statement as it is written; None when it can."""
        for side in self.sides:
            if side.problem is not None:
                return f"its SQL does not read ({side.problem})"
            if side.count > 1:
                return (
                    f"one string holds {side.count} SQL statements; ecto_sql sends a string as one prepared "
                    'statement, which PostgreSQL refuses to hold several commands in ("cannot insert multiple '
                    'commands into a prepared statement"), and CREATE INDEX CONCURRENTLY must run as a '
                    "statement of its own. Give each statement its own execute"
                )
            for head in side.heads:
                if head.unsure is not None:
                    return f"mir-fix cannot read its head: {head.unsure}"
                if head.several:
                    return "DROP INDEX CONCURRENTLY drops one index at a time: give each index its own DROP INDEX"
                if head.cascade:
                    return (
                        "DROP INDEX CONCURRENTLY does not support CASCADE: drop what depends on the index "
                        "first, then the index"
                    )
        return None


def read_sql(literal: SqlLiteral, rollback: bool) -> RawSql:
    try:
        found = sql_statements(literal.text)
    except SqlError as error:
        return RawSql(literal, rollback, 1, (), (), problem=str(error))
    heads: list[IndexStatement] = []
    columns: list[list[str] | None] = []
    for statement in found:
        head = index_statement(statement)
        if head is not None:
            heads.append(head)
            columns.append(plain_columns(statement) if head.creates else None)
    return RawSql(literal, rollback, len(found), tuple(heads), tuple(columns))


def raw_index_operation(statement: Node, function: str) -> RawIndexOperation | None:
    """The raw index operation `statement` is, if it is an execute whose first argument holds index SQL."""
    if call_name(statement) != "execute":
        return None
    args = call_args(statement)
    if len(args) not in (1, 2):
        return None
    sides: list[RawSql] = []
    for position, arg in enumerate(args):
        literal = sql_literal(arg)
        if literal is None:
            continue
        sql = read_sql(literal, rollback=position == 1)
        if sql.heads:
            sides.append(sql)
        elif sql.problem is not None and MENTIONS_PLAIN_INDEX.search(literal.text):
            if position == 0:
                return None  # reported as SQL mir-fix does not read
            sides.append(sql)
    if not sides or sides[0].rollback:
        return None  # only the rollback side builds or drops an index: down-only, left alone
    return RawIndexOperation(statement, function, tuple(sides))


def raw_index_operations(module: MigrationModule) -> list[RawIndexOperation]:
    found = []
    for function in module.functions:
        for statement in module.body(function):
            op = raw_index_operation(statement, function)
            if op is not None:
                found.append(op)
    return found


def unread_index_sql(source: ParsedSource, module: MigrationModule) -> list[Node]:
    """Execute calls whose deploy-time SQL holds index DDL without CONCURRENTLY that mir-fix does not read.

    In a loop or a helper, built with `<>` or in a variable, run by a function
    (`execute fn -> ... end`), or an index statement inside another statement
    (a DO block). Rollback-only SQL (down/0, the second argument of
    execute/2) is not reported, as the planner leaves it alone too.
    """
    top = {s.id: function for function in module.functions for s in module.body(function)}
    calls = []
    for call in calls_named(module.node, frozenset({"execute"})):
        args = call_args(call)
        if call.id in top:
            if top[call.id] == "down" or not args:
                continue
            looked_at = [args[0]]
            literal = sql_literal(args[0])
            if literal is not None and read_sql(literal, rollback=False).heads:
                continue  # read by raw_index_operation
        else:
            looked_at = args
        texts = [source.text(n) for arg in looked_at for n in walk(arg) if n.type in {"string", "sigil"}]
        if any(MENTIONS_PLAIN_INDEX.search(t) for t in texts):
            calls.append(call)
    return calls


def literal_statements(node: Node) -> list[list[Token]]:
    """The SQL statements of a literal argument; none when it is not a literal or does not tokenize."""
    literal = sql_literal(node)
    if literal is None:
        return []
    try:
        return sql_statements(literal.text)
    except SqlError:
        return []


def relations_created(module: MigrationModule) -> set[str]:
    """Tables and materialized views the module's raw SQL creates (names as PostgreSQL folds them)."""
    found = set()
    for call in calls_named(module.node, frozenset({"execute"})):
        for arg in call_args(call):
            for statement in literal_statements(arg):
                relation = created_relation(statement)
                if relation is not None:
                    found.add(relation.name)
    return found
