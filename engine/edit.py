"""Byte-range edits. They hold no policy: applying them is one function."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Edit:
    """Replace content[start:end] with `text` (written with "\\n" line endings)."""

    start: int
    end: int
    text: str

    @classmethod
    def insert(cls, at: int, text: str) -> Edit:
        return cls(at, at, text)

    @classmethod
    def delete(cls, start: int, end: int) -> Edit:
        return cls(start, end, "")


class OverlapError(ValueError):
    pass


def overlaps(a: Edit, b: Edit) -> bool:
    """Two edits touch the same bytes. Insertions at one point do not overlap each other."""
    if a.start == a.end or b.start == b.end:
        return a.start < b.end and b.start < a.end
    return a.start < b.end and b.start < a.end


def apply_edits(content: bytes, edits: Iterable[Edit], newline: str = "\n") -> bytes:
    """Apply non-overlapping edits; insertions at one offset keep their given order."""
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[1].end, pair[0]))
    out: list[bytes] = []
    cursor = 0
    previous: Edit | None = None
    for _, edit in ordered:
        if edit.start < cursor or (previous is not None and overlaps(previous, edit)):
            raise OverlapError(f"edits overlap at bytes {edit.start}..{edit.end}")
        if not 0 <= edit.start <= edit.end <= len(content):
            raise OverlapError(f"edit {edit.start}..{edit.end} is outside the file")
        out.append(content[cursor : edit.start])
        text = edit.text
        if newline != "\n":
            text = text.replace("\n", newline)
        out.append(text.encode("utf-8"))
        cursor = edit.end
        previous = edit
    out.append(content[cursor:])
    return b"".join(out)
