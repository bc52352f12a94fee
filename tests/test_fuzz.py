"""Fuzzing with hypothesis: mutated golden inputs and generated odd-but-valid Elixir.

Properties, for every example: mir-fix does not crash; no file it writes
parses worse than before; a second run proposes nothing. CI runs a few hundred
examples; set MIR_FIX_FUZZ_EXAMPLES=10000 for a nightly-style run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mir_fix.codemods import CODEMODS
from mir_fix.engine.apply import apply
from mir_fix.engine.change import Status
from mir_fix.engine.config import Options
from mir_fix.engine.parse import kind_of, parse_health
from mir_fix.engine.run import analyze

from .golden import all_cases

EXAMPLES = int(os.environ.get("MIR_FIX_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("MIR_FIX_FUZZ_RANDOM") != "1",
)
CASES = all_cases()
SNIPPETS = [
    b"do", b"end", b'"""', b"#{", b"}", b"\n", b"\r\n", b"\t", b"# comment\n", b'~H"""\n',
    b"<%= for x <- @items do %>", b"<% end %>", b"<div>", b"</div>", b":for={x <- @items}",
    b", concurrently: true", b"null: false", b"\xc3\xa9", b"\xff", b"\x00", b"create index(:t, [:c])",
    b"|>", b"fn x -> x end", b"@disable_ddl_transaction true\n",
]  # fmt: skip


def check_tree(root: Path) -> None:
    """Run everything over `root`, write, and check the properties."""
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    plan = analyze([root], CODEMODS, Options(), root)
    applied = apply([c for c in plan.changes if c.status is not Status.BLOCKED], root)
    for rel in applied.written:
        path = root / rel
        kind = kind_of(rel)
        if kind is not None:
            assert not parse_health(path.read_bytes(), kind).worse_than(parse_health(before[path], kind)), rel
    for rel in applied.created:
        kind = kind_of(rel)
        if kind is not None:
            health = parse_health((root / rel).read_bytes(), kind)
            assert health.elixir_errors == health.heex_errors == 0, rel
    again = analyze([root], CODEMODS, Options(), root)
    assert [c.change.summary for c in again.changes if c.status is not Status.BLOCKED] == []


mutation = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1), st.just(b"")),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 40).map(lambda n: b"x" * n)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(SNIPPETS)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=6)),
)


def mutate(data: bytes, steps: list[tuple[str, float, bytes]]) -> bytes:
    for kind, where, text in steps:
        at = int(where * len(data))
        if kind == "truncate":
            data = data[:at]
        elif kind == "delete":
            data = data[:at] + data[at + len(text) :]
        else:
            data = data[:at] + text + data[at:]
    return data


@FUZZ
@given(
    case=st.sampled_from(CASES),
    pick=st.integers(min_value=0),
    steps=st.lists(mutation, min_size=1, max_size=4),
)
def test_mutated_golden_inputs(case, pick: int, steps: list[tuple[str, float, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "app"
        shutil.copytree(case.before, root)
        sources = sorted(p for p in root.rglob("*") if p.suffix in {".ex", ".exs", ".heex"})
        target = sources[pick % len(sources)]
        target.write_bytes(mutate(target.read_bytes(), steps))
        check_tree(root)


RESERVED = {"do", "end", "fn", "nil", "true", "false", "when", "and", "or", "not", "in"}
names = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True).filter(lambda n: n not in RESERVED)
OPTIONS = ["name: :idx", 'where: "x IS NULL"', 'prefix: "tenant"', 'using: "GIN"', "unique: true", "concurrently: true"]
options = st.lists(st.sampled_from(OPTIONS), max_size=3, unique=True)
DEFAULTS = ["", ', default: "x"', ', default: fragment("gen_random_uuid()")']


def create_index(table: str, column: str, opts: list[str], unique: bool) -> str:
    return f"create({'unique_' if unique else ''}index(:{table}, [:{column}]" + "".join(", " + o for o in opts) + "))"


def drop_index(table: str, column: str, opts: list[str]) -> str:
    return f"drop_if_exists index(:{table}, [:{column}]" + "".join(", " + o for o in opts) + ")"


def add_column(table: str, column: str, default: str) -> str:
    return f"alter table(:{table}) do\n      add :{column}, :string, null: false{default}\n    end"


def modify_column(table: str, column: str) -> str:
    change = f"modify :{column}, :string, null: false, from: {{:string, null: true}}"
    return f"alter table(:{table}) do\n      {change}\n    end"


operations = st.one_of(
    st.builds(create_index, names, names, options, st.booleans()),
    st.builds(drop_index, names, names, options),
    st.builds(add_column, names, names, st.sampled_from(DEFAULTS)),
    st.builds(modify_column, names, names),
    st.builds(lambda t: f'execute "CREATE INDEX {t}_idx ON {t} (id)"', names),
    st.builds(lambda t: f"create table(:{t}) do\n      add :name, :string\n    end", names),
    st.just("# a comment between operations"),
    st.builds(lambda t: f'execute """\n    UPDATE {t} SET x = 1 -- ~s(paren) #{{not}}\n    """', names),
)


@FUZZ
@given(
    functions=st.sampled_from([("change",), ("up", "down")]),
    body=st.lists(operations, min_size=1, max_size=5),
    one_liner=st.booleans(),
    attributes=st.sampled_from(["", "  @disable_ddl_transaction true\n", "  @disable_migration_lock true\n"]),
    crlf=st.booleans(),
)
def test_generated_migrations(functions, body: list[str], one_liner: bool, attributes: str, crlf: bool) -> None:
    if one_liner and len(body) == 1 and "\n" not in body[0]:
        defs = "".join(f"  def {f}, do: {body[0]}\n" for f in functions)
    else:
        inner = "\n".join("    " + op for op in body)
        defs = "\n".join(f"  def {f} do\n{inner}\n  end\n" for f in functions)
    text = f"defmodule App.Repo.Migrations.Fuzz do\n  use Ecto.Migration\n{attributes}\n{defs}end\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "app"
        folder = root / "priv/repo/migrations"
        folder.mkdir(parents=True)
        (folder / "20240101000000_fuzz.exs").write_bytes(text.encode())
        check_tree(root)
