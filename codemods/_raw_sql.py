"""Reading the head of raw PostgreSQL statements: a small tokenizer, not a loose regex.

Migrations run SQL of their own through `execute "..."`. To make a raw
`CREATE INDEX` or `DROP INDEX` concurrent, mir-fix must know where the
statement starts and ends (a string may hold several), what its head says
(UNIQUE, CONCURRENTLY, IF [NOT] EXISTS, the index name, ON [ONLY] and the
table, the names a DROP lists, CASCADE) and where the INDEX keyword ends, to
insert CONCURRENTLY right after it. The tokenizer knows what PostgreSQL's
lexer knows about where a token ends: '...' literals (with '' and E'\\''),
"..." identifiers, $tag$...$tag$ bodies, -- and nested /* */ comments. A
character mir-fix cannot see (an Elixir interpolation) is an OPAQUE token.

Everything else in a statement is left to PostgreSQL; when the head is not
one of the shapes below, the statement is `unsure` and the codemod blocks.

    CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] table [USING m] (...
    DROP INDEX [CONCURRENTLY] [IF EXISTS] name [, ...] [CASCADE | RESTRICT]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

# Stands for a character of the statement that mir-fix cannot see (an Elixir `#{...}`).
OPAQUE_CHAR = "\ue000"
WORD = re.compile(r"[A-Za-z_\u0080-\uDFFF][\w$\u0080-\uDFFF]*")
NUMBER = re.compile(r"\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+")
DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_\u0080-\uDFFF][\w\u0080-\uDFFF]*)?\$")


class Kind(Enum):
    WORD = "word"  # a keyword or unquoted identifier
    QUOTED = "quoted"  # "an identifier"
    LITERAL = "literal"  # 'text', E'text', $$text$$, a number
    PUNCT = "punct"
    OPAQUE = "opaque"


@dataclass(frozen=True)
class Token:
    kind: Kind
    text: str
    start: int
    end: int

    def is_word(self, *words: str) -> bool:
        return self.kind is Kind.WORD and self.text.upper() in words

    @property
    def identifier(self) -> str:
        """The name PostgreSQL sees: unquoted words fold to lower case; "" inside quotes is one quote."""
        if self.kind is Kind.QUOTED:
            return self.text[1:-1].replace('""', '"')
        return self.text.lower()


class SqlError(ValueError):
    """The text does not tokenize (an unterminated literal or comment)."""


def tokens(sql: str) -> list[Token]:
    """Tokens of `sql`, comments and whitespace dropped."""
    out: list[Token] = []
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c.isspace():
            i += 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end == -1 else end + 1
        elif sql.startswith("/*", i):
            i = _block_comment_end(sql, i)
        elif c == OPAQUE_CHAR:
            out.append(Token(Kind.OPAQUE, c, i, i + 1))
            i += 1
        elif c in "eE" and sql.startswith("'", i + 1):
            end = _quoted_end(sql, i + 1, "'", backslash=True)
            out.append(Token(Kind.LITERAL, sql[i:end], i, end))
            i = end
        elif c == "'":
            end = _quoted_end(sql, i, "'", backslash=False)
            out.append(Token(Kind.LITERAL, sql[i:end], i, end))
            i = end
        elif c == '"':
            end = _quoted_end(sql, i, '"', backslash=False)
            out.append(Token(Kind.QUOTED, sql[i:end], i, end))
            i = end
        elif c == "$" and (tag := DOLLAR_TAG.match(sql, i)) is not None:
            close = sql.find(tag.group(0), tag.end())
            if close == -1:
                raise SqlError("unterminated dollar-quoted string")
            end = close + len(tag.group(0))
            out.append(Token(Kind.LITERAL, sql[i:end], i, end))
            i = end
        elif (word := WORD.match(sql, i)) is not None:
            out.append(Token(Kind.WORD, word.group(0), i, word.end()))
            i = word.end()
        elif (number := NUMBER.match(sql, i)) is not None:
            out.append(Token(Kind.LITERAL, number.group(0), i, number.end()))
            i = number.end()
        else:
            out.append(Token(Kind.PUNCT, c, i, i + 1))
            i += 1
    return out


def _quoted_end(sql: str, start: int, quote: str, backslash: bool) -> int:
    i = start + 1
    while i < len(sql):
        c = sql[i]
        if backslash and c == "\\":
            i += 2
            continue
        if c == quote:
            if sql.startswith(quote, i + 1):  # a doubled quote stands for one
                i += 2
                continue
            return i + 1
        i += 1
    raise SqlError(f"unterminated {quote}...{quote}")


def _block_comment_end(sql: str, start: int) -> int:
    depth, i = 0, start
    while i < len(sql):
        if sql.startswith("/*", i):
            depth, i = depth + 1, i + 2
        elif sql.startswith("*/", i):
            depth, i = depth - 1, i + 2
            if depth == 0:
                return i
        else:
            i += 1
    raise SqlError("unterminated /* comment")


def statements(sql: str) -> list[list[Token]]:
    """The statements of `sql` (split at top-level semicolons), each as its tokens; empty ones dropped."""
    found: list[list[Token]] = [[]]
    for token in tokens(sql):
        if token.kind is Kind.PUNCT and token.text == ";":
            found.append([])
        else:
            found[-1].append(token)
    return [s for s in found if s]


@dataclass(frozen=True)
class QualifiedName:
    """`tenant.orders` -> schema "tenant", name "orders" (as PostgreSQL folds them)."""

    schema: str | None
    name: str
    opaque: bool = False  # part of it is hidden in an interpolation

    def __str__(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name


@dataclass(frozen=True)
class IndexStatement:
    """A raw CREATE INDEX or DROP INDEX statement, as far as its head tells."""

    creates: bool
    concurrently: bool
    # Where CONCURRENTLY goes: the end of the INDEX keyword, an offset into the text read.
    insert_at: int
    lower_case: bool  # the INDEX keyword is written in lower case
    unique: bool = False
    only: bool = False  # CREATE INDEX ... ON ONLY parent
    name: QualifiedName | None = None  # CREATE: the index's name when given; DROP: the first name
    table: QualifiedName | None = None  # CREATE only
    several: bool = False  # DROP INDEX a, b
    cascade: bool = False  # DROP INDEX ... CASCADE
    # Why mir-fix cannot trust its reading of the head (an interpolation in it, an unknown shape).
    unsure: str | None = None
    # CONCURRENTLY's own place holds an interpolation (`CREATE INDEX #{maybe_concurrently} ...`): the
    # author decides there.
    computed: bool = False


def index_statement(statement: list[Token]) -> IndexStatement | None:
    """The statement's head, if the statement is CREATE [UNIQUE] INDEX or DROP INDEX; else None."""
    if len(statement) < 2:
        return None
    if statement[0].is_word("CREATE"):
        position = 2 if statement[1].is_word("UNIQUE") else 1
        if position < len(statement) and statement[position].is_word("INDEX"):
            return _create(statement, position)
    if statement[0].is_word("DROP") and statement[1].is_word("INDEX"):
        return _drop(statement)
    return None


class _Reader:
    def __init__(self, statement: list[Token], position: int) -> None:
        self.tokens = statement
        self.at = position
        self.opaque = False

    def peek(self, ahead: int = 0) -> Token | None:
        index = self.at + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def take_words(self, *words: str) -> bool:
        """Consume the keywords `words` in sequence, if they are next."""
        for ahead, word in enumerate(words):
            token = self.peek(ahead)
            if token is None or not token.is_word(word):
                return False
        self.at += len(words)
        return True

    def name(self) -> QualifiedName | None:
        """A possibly schema-qualified name; None when the next token is not a name."""
        parts: list[Token] = []
        while True:
            token = self.peek()
            if token is None or token.kind not in {Kind.WORD, Kind.QUOTED, Kind.OPAQUE}:
                break
            parts.append(token)
            self.at += 1
            following = self.peek()
            if following is None or following.kind is not Kind.PUNCT or following.text != ".":
                break
            self.at += 1
        if not parts:
            return None
        opaque = any(p.kind is Kind.OPAQUE for p in parts)
        self.opaque = self.opaque or opaque
        names = [p.identifier for p in parts]
        if len(parts) > 3:
            return None
        return QualifiedName(names[-2] if len(names) > 1 else None, names[-1], opaque)


def _create(statement: list[Token], index_at: int) -> IndexStatement:
    keyword = statement[index_at]
    reader = _Reader(statement, index_at + 1)
    concurrently = reader.take_words("CONCURRENTLY")
    head = IndexStatement(
        creates=True,
        concurrently=concurrently,
        insert_at=keyword.end,
        lower_case=keyword.text.islower(),
        unique=index_at == 2,
        computed=_computed(reader, creates=True),
    )
    if_not_exists = reader.take_words("IF", "NOT", "EXISTS")
    name = None
    following = reader.peek()
    if following is not None and not following.is_word("ON"):
        name = reader.name()
        if name is None or name.schema is not None:
            return _unsure(head, "the index name is not a plain name")
    elif if_not_exists:
        return _unsure(head, "IF NOT EXISTS without an index name")
    if not reader.take_words("ON"):
        return _unsure(head, "no ON after the index name")
    only = reader.take_words("ONLY")
    table = reader.name()
    if table is None:
        return _unsure(head, "no table name after ON")
    after = reader.peek()
    if after is None or not (after.is_word("USING") or (after.kind is Kind.PUNCT and after.text == "(")):
        return _unsure(head, "neither USING nor a column list after the table name")
    head = replace(head, name=name, table=table, only=only)
    if reader.opaque or any(t.kind is Kind.OPAQUE for t in statement[: reader.at]):
        return _unsure(head, "part of its head is interpolated")
    return head


def _drop(statement: list[Token]) -> IndexStatement:
    keyword = statement[1]
    reader = _Reader(statement, 2)
    concurrently = reader.take_words("CONCURRENTLY")
    head = IndexStatement(
        creates=False,
        concurrently=concurrently,
        insert_at=keyword.end,
        lower_case=keyword.text.islower(),
        computed=_computed(reader, creates=False),
    )
    reader.take_words("IF", "EXISTS")
    name = reader.name()
    if name is None:
        return _unsure(head, "no index name after DROP INDEX")
    several = False
    while (token := reader.peek()) is not None and token.kind is Kind.PUNCT and token.text == ",":
        reader.at += 1
        several = True
        if reader.name() is None:
            return _unsure(head, "a list of index names that does not read")
    cascade = reader.take_words("CASCADE")
    reader.take_words("RESTRICT")
    head = replace(head, name=name, several=several, cascade=cascade)
    if reader.peek() is not None:
        return _unsure(head, "more after the index names")
    if reader.opaque or any(t.kind is Kind.OPAQUE for t in statement):
        return _unsure(head, "part of its head is interpolated")
    return head


def _computed(reader: _Reader, creates: bool) -> bool:
    """An interpolation stands where CONCURRENTLY goes, not for the name: a name (or IF) follows it."""
    following, after = reader.peek(), reader.peek(1)
    if following is None or following.kind is not Kind.OPAQUE or after is None:
        return False
    if after.is_word("IF"):
        return True
    return after.kind in {Kind.WORD, Kind.QUOTED} and not (creates and after.is_word("ON"))


def _unsure(head: IndexStatement, why: str) -> IndexStatement:
    return replace(head, unsure=why)


# PostgreSQL names an index it is not given a name for: <table>_<columns>_idx (ChooseIndexName),
# each part cut so that the whole fits NAMEDATALEN - 1 bytes.
NAMEDATALEN = 64


def default_index_name(table: str, columns: list[str]) -> str | None:
    """PostgreSQL's name for `CREATE INDEX ON table (columns)` when nothing has that name yet."""
    if not columns or any(not c for c in columns):
        return None
    label = "_".join(columns)
    if len(f"{table}_{label}_idx".encode()) > NAMEDATALEN - 1:
        return None  # PostgreSQL truncates the parts; mir-fix does not guess how
    return f"{table}_{label}_idx"


# What may follow a bare column in an index's column list without changing PostgreSQL's default name.
COLUMN_DECORATIONS = frozenset({"ASC", "DESC", "NULLS", "FIRST", "LAST"})


def plain_columns(statement: list[Token]) -> list[str] | None:
    """The column names of `... (a, b DESC, c text_pattern_ops)` when each element is a bare column.

    PostgreSQL names an unnamed index after its columns, whatever their order
    or operator class; an expression gets `expr`, which mir-fix does not guess:
    None then.
    """
    opening = next((i for i, t in enumerate(statement) if t.kind is Kind.PUNCT and t.text == "("), None)
    if opening is None:
        return None
    columns: list[str] = []
    element: list[Token] = []
    for token in statement[opening + 1 :]:
        if token.kind is Kind.PUNCT and token.text in {",", ")"}:
            if not element or element[0].kind not in {Kind.WORD, Kind.QUOTED}:
                return None
            decorations = element[1:]
            if len(decorations) > 1 and any(not t.is_word(*COLUMN_DECORATIONS) for t in decorations):
                return None  # an operator class and ordering together, or COLLATE: read no further
            if any(t.kind is not Kind.WORD for t in decorations):
                return None
            columns.append(element[0].identifier)
            element = []
            if token.text == ")":
                return columns
        else:
            element.append(token)
    return None


def created_relation(statement: list[Token]) -> QualifiedName | None:
    """The table or materialized view a CREATE [...] TABLE / CREATE MATERIALIZED VIEW statement makes."""
    reader = _Reader(statement, 0)
    if not reader.take_words("CREATE"):
        return None
    reader.take_words("OR", "REPLACE")
    for modifier in ("UNLOGGED", "TEMP", "TEMPORARY", "GLOBAL", "LOCAL"):
        reader.take_words(modifier)
    if not (reader.take_words("TABLE") or reader.take_words("MATERIALIZED", "VIEW") or reader.take_words("VIEW")):
        return None
    reader.take_words("IF", "NOT", "EXISTS")
    return reader.name()


def dropped_constraint(statement: list[Token]) -> tuple[QualifiedName, QualifiedName] | None:
    """(table, constraint) of `ALTER TABLE [IF EXISTS] [ONLY] t DROP CONSTRAINT [IF EXISTS] c`."""
    reader = _Reader(statement, 0)
    if not reader.take_words("ALTER", "TABLE"):
        return None
    reader.take_words("IF", "EXISTS")
    reader.take_words("ONLY")
    table = reader.name()
    if table is None or not reader.take_words("DROP", "CONSTRAINT"):
        return None
    reader.take_words("IF", "EXISTS")
    constraint = reader.name()
    return (table, constraint) if constraint is not None else None
