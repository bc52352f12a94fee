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

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mir_fix.codemods import CODEMODS
from mir_fix.engine.apply import apply
from mir_fix.engine.change import Status
from mir_fix.engine.config import Options
from mir_fix.engine.parse import kind_of, parse_health
from mir_fix.engine.run import UNSETTLED, Plan, analyze

from .golden import all_cases

EXAMPLES = int(os.environ.get("MIR_FIX_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("MIR_FIX_FUZZ_RANDOM") != "1",
)
CASES = all_cases()
# Every migration may be rewritten: the properties hold for each rewrite, whatever its migration's age.
EVERY_MIGRATION = Options(all_migrations=True)
SNIPPETS = [
    b"do", b"end", b'"""', b"#{", b"}", b"\n", b"\r\n", b"\t", b"# comment\n", b'~H"""\n',
    b"<%= for x <- @items do %>", b"<% end %>", b"<div>", b"</div>", b":for={x <- @items}",
    b", concurrently: true", b"null: false", b"\xc3\xa9", b"\xff", b"\x00", b"create index(:t, [:c])",
    b"|>", b"fn x -> x end", b"@disable_ddl_transaction true\n",
]  # fmt: skip


def check_tree(root: Path) -> Plan:
    """Run everything over `root`, write, check the properties, and give back the first plan."""
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    plan = analyze([root], CODEMODS, EVERY_MIGRATION, root)
    assert not [c.change.reason for c in plan.changes if UNSETTLED in (c.change.reason or "")]
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
    again = analyze([root], CODEMODS, EVERY_MIGRATION, root)
    assert [c.change.summary for c in again.changes if c.status is not Status.BLOCKED] == []
    return plan


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
    st.builds(lambda t: f'execute """\n    UPDATE {t} SET x = 1 -- ~s(paren) #{{inspect(:x)}}\n    """', names),
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


# --- generated LiveView modules and templates ------------------------------------------------------------------

SIGILS = [
    "~s(paren (nested) #{1})", "~s[square]", "~s{curly}", "~s<angle>", "~s|bar|", "~s/slash/", '~s"quote"',
    "~s'single'", "~S(raw #{not_interpolated})", "~r/a+(b)?/i", "~w[a b c]a", "~c<abc>",
    '~s"""\n    heredoc ) ] } > | / #{1}\n    """',
]  # fmt: skip
ITEMS = ["Items.list_items()", 'List.duplicate(%{id: 1, title: "é"}, 3)', "Repo.all(Item)"]


def mount_clause(name: str, items: str, form: str) -> str:
    if form == "one-liner":
        return f"  def mount(_params, _session, socket), do: {{:ok, assign(socket, :{name}, {items})}}\n"
    if form == "keyword":
        return (
            f"  def mount(_params, _session, socket) do\n    {{:ok, assign(socket, {name}: {items}, page: 1)}}\n  end\n"
        )
    if form == "pipe":
        return (
            "  def mount(_params, _session, socket) do\n"
            f"    socket =\n      socket\n      |> assign(:{name}, {items})\n      |> assign(:page, 1)\n\n"
            "    {:ok, socket}\n  end\n"
        )
    return f"  def mount(_params, _session, socket) do\n    {{:ok, assign(socket, :{name}, {items})}}\n  end\n"


def events(name: str, var: str) -> list[str]:
    return [
        f'  def handle_event("save", %{{"item" => {var}}}, socket) do\n'
        f"    {{:ok, item}} = Repo.insert(Item.changeset(%Item{{}}, {var}))\n"
        f"    {{:noreply, assign(socket, :{name}, [item | socket.assigns.{name}])}}\n  end\n",
        f'  def handle_event("delete", %{{"id" => id}}, socket),\n'
        f"    do: {{:noreply, update(socket, :{name}, fn xs -> Enum.reject(xs, &(&1.id == id)) end)}}\n",
        f'  def handle_event("add", _params, socket) do\n    {{:ok, item}} = Items.create_item(%{{}})\n'
        f"    {{:noreply, update(socket, :{name}, &(&1 ++ [item]))}}\n  end\n",
        '  def handle_event("noop", _params, socket), do: {:noreply, socket}\n',
    ]


def template(name: str, loop: str, modern: bool, extras: list[str]) -> str:
    show = "{x.title}" if modern else "<%= x.title %>"
    if loop == "for-attribute":
        body = f'<ul id="{name}">\n  <li :for={{x <- @{name}}} id={{"{name}-#{{x.id}}"}}>{show}</li>\n</ul>'
    elif loop == "eex-for":
        row = f'  <p id={{"{name}-#{{x.id}}"}}>{show}</p>'
        body = f'<div id="{name}">\n<%= for x <- @{name} do %>\n{row}\n<% end %>\n</div>'
    else:
        body = f'<table><tr :for={{x <- @{name}}}><td phx-click="delete" phx-value-id={{x.id}}>{show}</td></tr></table>'
    parts = {
        "form": '<form phx-submit="save"><input name="item[title]" /><button>Save</button></form>',
        "click": '<button phx-click="add">Add</button>',
        "count": f"<p><%= Enum.count(@{name}) %></p>",
        "comment": "<%!-- a comment with } and %> inside? no --%>",
    }
    return "\n".join([body, *(parts[e] for e in extras)])


@FUZZ
@given(
    name=st.sampled_from(["items", "notes", "orders", "rows"]),
    var=st.sampled_from(["params", "paramès", "données", "_p"]),
    use=st.sampled_from(["use AppWeb, :live_view", "use Phoenix.LiveView", "use AppWeb, :live_component"]),
    mount_form=st.sampled_from(["plain", "keyword", "pipe", "one-liner"]),
    items=st.sampled_from(ITEMS),
    which_events=st.lists(st.integers(0, 3), max_size=4, unique=True),
    loop=st.sampled_from(["for-attribute", "eex-for", "table-click"]),
    extras=st.lists(st.sampled_from(["form", "click", "count", "comment"]), max_size=3, unique=True),
    sigils=st.lists(st.sampled_from(SIGILS), max_size=3),
    comments=st.lists(st.integers(0, 12), max_size=4),
    version=st.sampled_from(["0.20.17", "1.0.0", "0.18.3"]),
    colocated=st.booleans(),
    crlf=st.booleans(),
)
def test_generated_live_views(
    name, var, use, mount_form, items, which_events, loop, extras, sigils, comments, version, colocated, crlf
) -> None:
    modern = version.startswith("1.")
    markup = template(name, loop, modern, extras)
    statements = [f"  {use}\n", '  @moduledoc """\n  Liste des éléments ~s(x) #{inspect(:x)}\n  """\n']
    statements += [f"  @sigil_{i} {s}\n" for i, s in enumerate(sigils)]
    statements.append("  @impl true\n" + mount_clause(name, items, mount_form))
    statements += [events(name, var)[i] for i in which_events]
    if not colocated:
        indented = "".join("    " + line + "\n" if line else "\n" for line in markup.split("\n"))
        statements.append(f'  def render(assigns) do\n    ~H"""\n{indented}    """\n  end\n')
    for at in comments:
        statements.insert(min(at, len(statements)), "  # a comment: do end ~H\n")
    module = "defmodule AppWeb.ThingLive do\n" + "\n".join(statements) + "end\n"
    lock = (
        f'%{{\n  "phoenix_live_view": {{:hex, :phoenix_live_view, "{version}", "x", [:mix], [], "hexpm", "y"}},\n}}\n'
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "app"
        folder = root / "lib/app_web/live"
        folder.mkdir(parents=True)
        (root / "mix.exs").write_text('defmodule App.MixProject do\n  defp deps, do: [{:ecto_sql, "~> 3.10"}]\nend\n')
        (root / "mix.lock").write_text(lock)
        source = module.replace("\n", "\r\n") if crlf else module
        (folder / "thing_live.ex").write_bytes(source.encode())
        if colocated:
            (folder / "thing_live.html.heex").write_text(markup + "\n")
        plan = check_tree(root)
    for change in plan.changes:
        event(f"{change.change.codemod}: {change.status.value}")
