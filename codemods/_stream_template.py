"""The template half of the streams codemod: loops over an assign, and their edits.

Three shapes (SPEC 3.3): `:for={x <- @k}` on an element, `<%= for x <- @k do %>`
around one root element, and the Phoenix 1.7 `<.table rows={@k}>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from mir_fix.engine.codemod import Blocked
from mir_fix.engine.edit import Edit
from mir_fix.engine.elixir import layout
from mir_fix.engine.heex import (
    ELEMENT_NODES,
    Template,
    add_attribute,
    attribute,
    attributes,
    element_name,
    start_nodes,
)

# Elements inside which a wrapping <div> is not valid HTML.
NO_WRAP = frozenset({"ul", "ol", "table", "tbody", "thead", "tfoot", "tr", "select", "dl", "colgroup"})
GENERATOR = re.compile(r"^\s*(?P<var>[a-z_]\w*)\s*<-\s*@(?P<key>[a-z_]\w*)\s*$")
EEX_FOR = re.compile(r"^\s*for\s+(?P<var>[a-z_]\w*)\s*<-\s*@(?P<key>[a-z_]\w*)\s+do\s*$")
ANY_GENERATOR = re.compile(r"<-\s*@([a-z_]\w*)")
TABLE_ROWS = re.compile(r"\brows=\{\s*@([a-z_]\w*)\s*\}")


@dataclass
class Loop:
    """One loop over `@key`, with the ranges that mention it legitimately."""

    kind: str  # "for" | "eex" | "table"
    key: str
    var: str
    start: Node  # the element's start node (for/table) or the opening directive (eex)
    allowed: tuple[int, int]  # template offsets of the `@key` this loop may hold
    var_at: int = 0  # template offset of the loop variable in the generator
    end: Node | None = None  # the closing directive (eex)
    root: Node | None = None  # the item element's start node
    edits: list[Edit] = field(default_factory=list)


def loop_keys(template: Template) -> set[str]:
    """Every assign that a generator iterates, found even in templates that do not parse."""
    text = template.file.content[template.start : template.start + len(template.tree.root_node.text or b"")]
    decoded = text.decode("utf-8", "replace")
    return set(ANY_GENERATOR.findall(decoded)) | set(TABLE_ROWS.findall(decoded))


def find_loops(template: Template, key: str) -> list[Loop]:
    loops = []
    for start in start_nodes(template):
        for attr in attributes(start):
            if attr.name == ":for" and attr.expression is not None and f"@{key}" in attr.expression:
                match = GENERATOR.match(attr.expression)
                if not match or match.group("key") != key:
                    continue
                value = _expression_value(attr.node)
                at = value.start_byte + len(attr.expression[: match.start("key") - 1].encode())
                var_at = value.start_byte + len(attr.expression[: match.start("var")].encode())
                loops.append(Loop("for", key, match.group("var"), start, (at, at + len(key) + 1), var_at, root=start))
            if element_name(start) == ".table" and attr.name == "rows" and attr.expression == f"@{key}":
                value = _expression_value(attr.node)
                loops.append(Loop("table", key, "", start, (value.start_byte, value.end_byte)))
    for node in _walk(template.tree.root_node):
        if node.type == "directive":
            partial = next((c for c in node.named_children if c.type == "partial_expression_value"), None)
            if partial is None:
                continue
            value = partial
            text = template.text(value)
            match = EEX_FOR.match(text)
            if match and match.group("key") == key:
                at = value.start_byte + len(text[: match.start("key") - 1].encode())
                var_at = value.start_byte + len(text[: match.start("var")].encode())
                loops.append(Loop("eex", key, match.group("var"), node, (at, at + len(key) + 1), var_at))
    return loops


def stray_uses(
    template: Template, key: str, loops: list[Loop], checks: list[ListCheck] | tuple[ListCheck, ...] = ()
) -> list[str]:
    """Lines that use `@key` outside a loop's generator, a list check and a `<%!-- --%>` comment."""
    content = template.file.content[template.start :]
    text = content[: len(template.tree.root_node.text or b"")].decode("utf-8", "replace")
    allowed = [loop.allowed for loop in loops] + [(c.start, c.end) for c in checks] + _eex_comments(template)
    strays = []
    for match in re.finditer(rf"@{re.escape(key)}(?![\w?!])", text):
        at = len(text[: match.start()].encode("utf-8"))
        if any(lo <= at < hi for lo, hi in allowed):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.start())
        snippet = text[line_start : line_end if line_end != -1 else len(text)].strip()
        strays.append(f"{template.file.rel}:{template.line(at)}: {snippet}")
    return strays


def _eex_comment(node: Node) -> bool:
    """`<%!-- ... --%>` or `<%# ... %>`: never rendered (an HTML comment `<!-- -->` is)."""
    return node.type == "comment" and (node.text or b"").startswith(b"<%")


def _eex_comments(template: Template) -> list[tuple[int, int]]:
    return [(n.start_byte, n.end_byte) for n in _walk(template.tree.root_node) if _eex_comment(n)]


@dataclass(frozen=True)
class ListCheck:
    """A template expression that reads only a fact of the whole list, which an assign kept beside the stream
    can answer: `@k == []` and its kin ("empty"), `length(@k)` and `Enum.count(@k)` ("count").
    Template offsets; `empty` says whether an "empty" check asks "is it empty?" (False: "any?")."""

    start: int
    end: int
    kind: str  # "empty" | "count"
    empty: bool
    line: int
    text: str
    alone: bool  # one operand of its neighbours, so a comparison may replace it without parentheses


# `{k}` is `@key`. A call form reads as one operand anywhere; a comparison must stand alone between its
# neighbours (_BEFORE, _AFTER) for its replacement to keep the expression's meaning.
_CALL_FORMS = (
    (r"Enum\.empty\?\(\s*{k}\s*\)", "empty", True),
    (r"Enum\.any\?\(\s*{k}\s*\)", "empty", False),
)
_COMPARISONS = (
    (r"{k}\s*==\s*\[\s*\]", "empty", True),
    (r"\[\s*\]\s*==\s*{k}", "empty", True),
    (r"{k}\s*!=\s*\[\s*\]", "empty", False),
    (r"(?:length|Enum\.count)\(\s*{k}\s*\)\s*==\s*0(?![\w.])", "empty", True),
    (r"(?:length|Enum\.count)\(\s*{k}\s*\)\s*(?:>|!=)\s*0(?![\w.])", "empty", False),
)
_COUNTS = ((r"(?:length|Enum\.count)\(\s*{k}\s*\)", "count", False),)
# Delimiters and the operators that bind more loosely than `==` (not `!`/`not`, which bind tighter).
_BEFORE = re.compile(r"(?:[{(,]|<%=?|\band|\bor|&&|\|\||\bif|\bunless)\s*$")
_AFTER = re.compile(r"\s*(?:[}),]|%>|and\b|or\b|&&|\|\||do\b)")
_NEGATION = re.compile(r"(?:!\s*|\bnot\s+)$")
EXPRESSIONS = frozenset({"expression_value", "partial_expression_value"})


def list_checks(template: Template, key: str, curly_bodies: bool) -> list[ListCheck]:
    """Every empty-state check and count of `@key` in an expression of the template.

    `curly_bodies`: `{...}` in a tag body is an expression (LiveView 1.0 and later); before, it is text.
    """
    content = template.file.content[template.start :]
    text = content[: len(template.tree.root_node.text or b"")].decode("utf-8", "replace")
    at = rf"@{re.escape(key)}(?![\w?!])"
    found: list[ListCheck] = []
    for form, kind, empty in _CALL_FORMS + _COMPARISONS + _COUNTS:
        for match in re.finditer(form.replace("{k}", at), text):
            start, end = match.start(), match.end()
            before, after = text[:start], text[end:]
            if (form, kind, empty) in _CALL_FORMS:
                negation = _NEGATION.search(before)
                if negation:
                    start, empty = negation.start(), not empty
            elif kind == "empty" and (
                not _BEFORE.search(before) or not _AFTER.match(after) or _NEGATION.search(before)
            ):
                continue
            lo, hi = len(text[:start].encode("utf-8")), len(text[:end].encode("utf-8"))
            if not _in_expression(template, lo, hi, curly_bodies) or any(c.start < hi and lo < c.end for c in found):
                continue
            alone = _stands_alone(text[:start], after)
            found.append(ListCheck(lo, hi, kind, empty, template.line(lo), text[start:end], alone))
    return sorted(found, key=lambda c: c.start)


def _stands_alone(before: str, after: str) -> bool:
    """A comparison between these neighbours is one operand of theirs (`{... and @k == []}`)."""
    return bool(_BEFORE.search(before) and _AFTER.match(after) and not _NEGATION.search(before))


def _in_expression(template: Template, start: int, end: int, curly_bodies: bool) -> bool:
    node: Node | None = template.tree.root_node.descendant_for_byte_range(start, end)
    while node is not None:
        if node.type in EXPRESSIONS:
            holder = node.parent
            in_body = (
                holder is not None
                and holder.type == "expression"
                and holder.parent is not None
                and (holder.parent.type not in {"attribute", "special_attribute"})
            )
            return curly_bodies or not in_body
        node = node.parent
    return False


def list_check_edits(template: Template, checks: list[ListCheck], names: dict[str, str]) -> list[Edit]:
    """Each check reads its assign (`names`: kind -> assign name) instead of the list; with a count, an
    empty-state check compares the count with 0."""
    edits = []
    for check in checks:
        if check.kind == "empty" and "count" in names:
            text = f"@{names['count']} {'==' if check.empty else '!='} 0"
            text = text if check.alone else f"({text})"
        else:
            name = names[check.kind]
            text = f"@{name}" if check.kind == "count" or check.empty else f"!@{name}"
        edits.append(Edit(template.at(check.start), template.at(check.end), text))
    return edits


def _expression_value(attr: Node) -> Node:
    expression = next(c for c in attr.named_children if c.type == "expression")
    return next(c for c in expression.named_children if c.type == "expression_value")


def _walk(node: Node) -> list[Node]:
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(reversed(current.children))
    return out


def _element_children(element: Node) -> list[Node]:
    ends = {"start_tag", "end_tag", "start_component", "end_component"}
    return [c for c in element.named_children if c.type not in ends]


def _blank(node: Node) -> bool:
    return node.type == "text" and not (node.text or b"").strip()


def eex_body(template: Template, loop: Loop) -> list[Node]:
    """The siblings between `<%= for ... do %>` and its `<% end %>`; sets loop.end."""
    parent = loop.start.parent
    siblings = parent.named_children if parent is not None else []
    index = next(i for i, s in enumerate(siblings) if s.id == loop.start.id)
    depth = 1
    body: list[Node] = []
    for sibling in siblings[index + 1 :]:
        if sibling.type == "directive":
            kinds = {c.type for c in sibling.named_children}
            text = template.text(sibling)
            if "ending_expression_value" in kinds:
                depth -= 1
                if depth == 0:
                    loop.end = sibling
                    return body
            elif "partial_expression_value" in kinds and re.search(r"(\bdo|->)\s*%>$", text):
                depth += 1
        body.append(sibling)
    raise Blocked(f"cannot find the <% end %> of the loop at line {template.line(loop.start.start_byte)}")


def item_edits(template: Template, loop: Loop) -> tuple[str | None, list[Edit]]:
    """Edits for the generator and the item element; returns the item's own id expression, if any."""
    edits = [Edit(template.at(loop.allowed[0]), template.at(loop.allowed[1]), f"@streams.{loop.key}")]
    if loop.kind == "eex":
        body = [n for n in eex_body(template, loop) if not _blank(n)]
        roots = [n for n in body if n.type in ELEMENT_NODES or n.type in {"self_closing_tag"}]
        if len(body) != 1 or len(roots) != 1:
            raise Blocked(
                f"the loop at {template.file.rel}:{template.line(loop.start.start_byte)} has {len(body)} root "
                "elements; a stream item must be one element"
            )
        root = roots[0]
        loop.root = root if root.type == "self_closing_tag" else root.named_children[0]
    start = loop.root
    assert start is not None
    if start.type not in {"start_tag", "self_closing_tag"}:
        raise Blocked(
            f"the item at {template.file.rel}:{template.line(start.start_byte)} is a component; a stream item "
            "must be an HTML element that carries the id"
        )
    var_at = template.at(loop.var_at)
    edits.append(Edit(var_at, var_at + len(loop.var), f"{{dom_id, {loop.var}}}"))
    own_id = attribute(start, "id")
    if own_id is not None:
        edits.append(Edit(template.at(own_id.node.start_byte), template.at(own_id.node.end_byte), "id={dom_id}"))
        return own_id.expression if own_id.expression is not None else own_id.value, edits
    edits.append(add_attribute(template, start, "id={dom_id}"))
    return None, edits


def container_edits(template: Template, loop: Loop, taken_ids: set[str]) -> list[Edit]:
    """`id` and `phx-update="stream"` on the loop's parent, or a wrapper around the loop."""
    content = template.file.content
    if loop.kind == "for":
        element = loop.start.parent
        parent = element.parent if element is not None else None
        first, last = element, element
    else:
        parent = loop.start.parent
        first, last = loop.start, loop.end
    assert first is not None and last is not None
    if parent is not None and parent.type == "tag":
        start = parent.named_children[0]
        mine = {first.id, last.id}
        span = (first.start_byte, last.end_byte)
        others = [
            c
            for c in _element_children(parent)
            if c.id not in mine and not (span[0] <= c.start_byte < span[1]) and not _blank(c) and not _eex_comment(c)
        ]
        if not others:
            edits = []
            update = attribute(start, "phx-update")
            if update is not None and update.value != "stream":
                raise Blocked(
                    f"the container at {template.file.rel}:{template.line(start.start_byte)} already has "
                    f'phx-update="{update.value}"'
                )
            existing = attribute(start, "id")
            if existing is None:
                if loop.key in taken_ids:
                    raise Blocked(f'the template already has an element with id="{loop.key}"')
                edits.append(add_attribute(template, start, f'id="{loop.key}"'))
            if update is None:
                edits.append(add_attribute(template, start, 'phx-update="stream"'))
            return edits
        name = element_name(start)
        if name in NO_WRAP:
            raise Blocked(
                f"the loop at {template.file.rel}:{template.line(first.start_byte)} shares its <{name}> with "
                f"other children, and a wrapper element is not valid inside <{name}>"
            )
    if loop.key in taken_ids:
        raise Blocked(f'the template already has an element with id="{loop.key}"')
    text = template.file.content[template.at(first.start_byte) : template.at(last.end_byte)]
    if b"<pre" in text or b"<textarea" in text:
        raise Blocked("the loop holds <pre> or <textarea>, whose text re-indenting would change")
    begin = template.at(first.start_byte)
    place = layout(content, begin)
    edits = [Edit.insert(place.line_start, f'{place.indent}<div id="{loop.key}" phx-update="stream">\n')]
    line = place.line_start
    end = template.at(last.end_byte)
    while line < end:
        edits.append(Edit.insert(line, "  "))
        next_line = content.find(b"\n", line)
        if next_line == -1:
            break
        line = next_line + 1
    edits.append(Edit.insert(end, f"\n{place.indent}</div>"))
    return edits


def table_edits(template: Template, loop: Loop) -> list[Edit]:
    """`rows={@streams.k}`, `:let={{_id, x}}`, `row_click={fn {_id, x} -> ... end}`."""
    edits = [Edit(template.at(loop.allowed[0]), template.at(loop.allowed[1]), f"@streams.{loop.key}")]
    where = f"{template.file.rel}:{template.line(loop.start.start_byte)}"
    for name in ("row_id", "row_item"):
        if attribute(loop.start, name) is not None:
            raise Blocked(f"the table at {where} sets {name}; convert it by hand")
    click = attribute(loop.start, "row_click")
    if click is not None and click.expression is not None:
        match = re.match(r"\s*fn\s+([a-z_]\w*)\s*->", click.expression)
        if not match:
            raise Blocked(f"the table at {where} has a row_click mir-fix cannot read")
        value = _expression_value(click.node)
        at = template.at(value.start_byte) + match.start(1)
        edits.append(Edit(at, at + len(match.group(1)), f"{{_id, {match.group(1)}}}"))
    table = loop.start.parent
    for node in _walk(table) if table is not None else []:
        if node.type not in {"start_slot", "start_component", "self_closing_component"}:
            continue
        for let in attributes(node):
            if let.name != ":let":
                continue
            if let.expression is None or not re.fullmatch(r"[a-z_]\w*", let.expression.strip()):
                raise Blocked(f"a slot of the table at {where} has :let={{{let.expression}}}")
            value = _expression_value(let.node)
            variable = let.expression.strip()
            edits.append(Edit(template.at(value.start_byte), template.at(value.end_byte), f"{{_id, {variable}}}"))
    return edits


def ids_in(template: Template) -> set[str]:
    found = set()
    for start in start_nodes(template):
        own = attribute(start, "id")
        if own is not None and own.value is not None:
            found.add(own.value)
    return found


@dataclass(frozen=True)
class Shown:
    """A condition under which the loop's container is rendered: `:if={...}` or `<%= if ... do %>`."""

    text: str  # the condition, or the whole directive when it is not an `if`/`unless`
    kind: str  # "if" | "unless" | "other"
    line: int


BLOCK_START = re.compile(r"^\s*(?P<word>if|unless|case|cond|for|with)\b(?P<rest>.*?)(?:\s+do)?\s*$", re.DOTALL)


def shown_when(template: Template, node: Node) -> list[Shown]:
    """The conditions that decide whether `node` is rendered: `:if`/`:for` on it or an element around it, and
    the EEx blocks (`<%= if ... do %>` ... `<% end %>`) around it."""
    found: list[Shown] = []
    current: Node | None = node
    while current is not None:
        start = current.named_children[0] if current.type in ELEMENT_NODES and current.named_children else current
        if start.type in {"start_tag", "start_component", "self_closing_tag", "self_closing_component"}:
            for attr in attributes(start):
                if attr.name == ":if" and attr.expression is not None:
                    found.append(Shown(attr.expression, "if", template.line(start.start_byte)))
                elif attr.name == ":for" and current is not node:
                    found.append(Shown(f":for={{{attr.expression}}}", "other", template.line(start.start_byte)))
        found += _open_blocks(template, current)
        current = current.parent
    return found


def _open_blocks(template: Template, node: Node) -> list[Shown]:
    """EEx blocks opened among the siblings before `node` and not closed before it."""
    parent = node.parent
    if parent is None:
        return []
    # open blocks, and how `node` stands in them: "" (the do part), "else", or "clause" (past a `->` clause)
    stack: list[tuple[Node, str]] = []
    for sibling in parent.named_children:
        if sibling.id == node.id:
            break
        if sibling.type != "directive":
            continue
        kinds = {c.type for c in sibling.named_children}
        text = template.text(sibling)
        opens = re.search(r"(\bdo|\bfn\b.*->)\s*%>$", text, re.DOTALL)
        if "ending_expression_value" in kinds:
            if stack:
                stack.pop()
        elif "partial_expression_value" in kinds and opens:
            stack.append((sibling, ""))
        elif stack:
            part = "else" if re.fullmatch(r"<%\s*else\s*%>", text) and not stack[-1][1] else "clause"
            stack[-1] = (stack[-1][0], part)
    out = []
    for directive, part in stack:
        value = next((c for c in directive.named_children if c.type == "partial_expression_value"), directive)
        match = BLOCK_START.match(template.text(value))
        word = match.group("word") if match else ""
        kind = word if word in {"if", "unless"} and part != "clause" else "other"
        if part == "else" and kind != "other":  # the else part of `if c` renders as `unless c` would
            kind = "unless" if kind == "if" else "if"
        text = match.group("rest").strip() if match and kind != "other" else template.text(directive)
        out.append(Shown(text, kind, template.line(directive.start_byte)))
    return out
