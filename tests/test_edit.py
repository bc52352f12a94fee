from __future__ import annotations

import pytest

from mir_fix.engine.edit import Edit, OverlapError, apply_edits


def test_edits_apply_in_offset_order_whatever_order_given() -> None:
    content = b"create index(:orders, [:status])"
    edits = [Edit.insert(31, ", concurrently: true"), Edit(0, 6, "drop")]
    assert apply_edits(content, edits) == b"drop index(:orders, [:status], concurrently: true)"


def test_insertions_at_one_offset_keep_their_given_order() -> None:
    assert apply_edits(b"ab", [Edit.insert(1, "1"), Edit.insert(1, "2")]) == b"a12b"


def test_overlapping_edits_are_refused() -> None:
    with pytest.raises(OverlapError):
        apply_edits(b"abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


def test_insertion_inside_a_replaced_range_is_refused() -> None:
    with pytest.raises(OverlapError):
        apply_edits(b"abcdef", [Edit(1, 4, "x"), Edit.insert(2, "y")])


def test_edit_outside_the_content_is_refused() -> None:
    with pytest.raises(OverlapError):
        apply_edits(b"abc", [Edit(2, 9, "x")])


def test_generated_newlines_follow_the_file() -> None:
    assert apply_edits(b"a\r\nb", [Edit.insert(1, "\nx")], "\r\n") == b"a\r\nx\r\nb"
