"""The one place that turns proposals into verified results, and results into bytes.

Every change is applied on its own and re-parsed before anyone sees it: a
change whose output parses worse than its input is dropped and reported.
Changes that touch the same bytes (or create the same file) are resolved here,
first come first served; the later one is blocked with a reason.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from .change import Change, FileDiff, FileError, PlannedChange, Status
from .diff import unified_diff
from .edit import Edit, OverlapError, apply_edits, overlaps
from .elixir import walk
from .parse import kind_of, parse_elixir, parse_health
from .source import SourceError, SourceFile

Loader = Callable[[str], SourceFile]


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class Unsafe(Exception):
    """A rewrite that would leave a file parsing worse than before."""


def checked(path: str, before: bytes | None, after: bytes) -> None:
    kind = kind_of(path)
    if kind is None:
        return
    new = parse_health(after, kind)
    if before is None:
        if new.elixir_errors or new.heex_errors:
            raise Unsafe(f"{path}: the file mir-fix would create does not parse")
        return
    if new.worse_than(parse_health(before, kind)):
        raise Unsafe(f"{path}: the rewrite would parse worse than the original")


def verify(change: Change, load: Loader) -> PlannedChange:
    """Apply one change alone, re-parse every file it touches, and diff it.

    Raises Unsafe (or OverlapError) when the change must be dropped.
    """
    if change.status is Status.BLOCKED:
        return PlannedChange(change)
    diffs: list[FileDiff] = []
    originals: list[tuple[str, str]] = []
    newline = "\n"
    for file_edits in change.edits:
        source = load(file_edits.path)
        newline = source.newline
        after = apply_edits(source.content, file_edits.edits, source.newline)
        checked(file_edits.path, source.content, after)
        diffs.append(FileDiff(file_edits.path, "modify", unified_diff(file_edits.path, source.content, after)))
        originals.append((file_edits.path, digest(source.content)))
    for new_file in change.creates:
        data = new_file.text.replace("\n", newline).encode("utf-8")
        checked(new_file.path, None, data)
        diffs.append(FileDiff(new_file.path, "create", unified_diff(new_file.path, None, data)))
    return PlannedChange(change, tuple(diffs), tuple(originals))


def verify_all(changes: Iterable[Change], load: Loader) -> tuple[list[PlannedChange], list[FileError]]:
    planned: list[PlannedChange] = []
    errors: list[FileError] = []
    for change in changes:
        try:
            planned.append(verify(change, load))
        except (Unsafe, OverlapError, SourceError) as exc:
            errors.append(
                FileError(
                    change.path,
                    f"{change.codemod}: change dropped, {exc}. Nothing was written; please report this file to mir-fix",
                )
            )
    return planned, errors


def resolve_conflicts(planned: list[PlannedChange], exists: Callable[[str], bool]) -> list[PlannedChange]:
    """Block every change that overlaps an earlier one or creates a file that exists."""
    taken: dict[str, list[tuple[Edit, Change]]] = {}
    created: dict[str, Change] = {}
    result: list[PlannedChange] = []
    for item in planned:
        change = item.change
        if change.status is Status.BLOCKED:
            result.append(item)
            continue
        reason = None
        for new_file in change.creates:
            key = _creation_key(new_file.path)
            if key in created:
                other = created[key]
                reason = f"{new_file.path} takes a name or version that {other.codemod} also takes for {other.path}"
            elif exists(new_file.path):
                reason = f"{new_file.path} already exists"
        for file_edits in change.edits:
            for edit in file_edits.edits:
                for other_edit, other in taken.get(file_edits.path, []):
                    if overlaps(edit, other_edit) or (
                        edit.start == edit.end == other_edit.start == other_edit.end and other.codemod != change.codemod
                    ):
                        reason = f"it overlaps the {other.codemod} change at {other.path}:{other.line}"
        if reason:
            result.append(PlannedChange(change.blocked(f"{reason}; apply the other change, then run mir-fix again")))
            continue
        for file_edits in change.edits:
            taken.setdefault(file_edits.path, []).extend((e, change) for e in file_edits.edits)
        for new_file in change.creates:
            created[_creation_key(new_file.path)] = change
        result.append(item)
    return result


def _creation_key(path: str) -> str:
    """Files in one folder whose names start with the same version (migrations) clash too."""
    folder, _, name = path.rpartition("/")
    match = re.match(r"(\d+)_", name)
    return f"{folder}/{match.group(1)}_" if match else path


def answer(item: PlannedChange, answers: dict[str, str]) -> PlannedChange:
    """The change with its questions' placeholders replaced by the answers, re-checked and re-diffed.

    Questions fill in files a change creates (never edits of existing ones),
    so the new files are all that must be checked again.
    """
    change = item.change
    missing = [q.key for q in change.questions if q.key not in answers]
    if missing:
        raise Unsafe(f"no answer for {', '.join(missing)}")
    for file_edits in change.edits:
        for edit in file_edits.edits:
            if any(q.placeholder in edit.text for q in change.questions):
                raise Unsafe("a question's placeholder is in an edit of an existing file")
    creates = []
    for new_file in change.creates:
        text = new_file.text
        for question in change.questions:
            text = text.replace(question.placeholder, answers[question.key])
        creates.append(replace(new_file, text=text))
    diffs = [d for d in item.diffs if d.action == "modify"]
    for new_file in creates:
        data = new_file.text.encode("utf-8")
        checked(new_file.path, None, data)
        diffs.append(FileDiff(new_file.path, "create", unified_diff(new_file.path, None, data)))
    answered = replace(change, status=Status.READY, questions=(), creates=tuple(creates))
    return PlannedChange(answered, tuple(diffs), item.originals)


def answer_problem(value: str) -> str | None:
    """Why `value` cannot stand as an Elixir expression in generated code, or None."""
    value = value.strip()
    if not value:
        return 'give a value, such as "EUR", 0 or false'
    if "\n" in value:
        return "give the value on one line"
    if re.search(r"\braise\b", value):
        return "give the value itself, not a raise"
    tree = parse_elixir(f"value = {value}\n".encode())
    statements = [c for c in tree.root_node.named_children if c.type != "comment"]
    if tree.root_node.has_error or len(statements) != 1 or statements[0].type != "binary_operator":
        return f"`{value}` is not one Elixir expression"
    right = statements[0].child_by_field_name("right")
    for node in walk(right) if right is not None else []:
        parent = node.parent
        in_dot = parent is not None and parent.type == "dot"
        if node.type == "identifier" and not in_dot:
            return f"`{value}` refers to `{(node.text or b'').decode()}`, which the migration does not define"
    return None
