"""column-default: change a column's default without restating its type.

(Being built for issue 14.)
"""

from __future__ import annotations

from collections.abc import Iterable

from mir_fix.engine.change import Change, Finding
from mir_fix.engine.codemod import Codemod, Context, ParsedSource


class ColumnDefault(Codemod):
    id = "column-default"
    title = "Set a column's default with SET DEFAULT instead of a modify that restates its type"
    prefilter = (b"default:",)
    requires = (b"Ecto.Migration",)
    assured_checks = frozenset({"column_type_changed"})
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        return ()
