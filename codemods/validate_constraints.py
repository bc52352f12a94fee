"""validate-constraints: add foreign keys and check constraints NOT VALID, validate them in a later migration.

(Being built for issue 14.)
"""

from __future__ import annotations

from collections.abc import Iterable

from mir_fix.engine.change import Change, Finding
from mir_fix.engine.codemod import Codemod, Context, ParsedSource


class ValidateConstraints(Codemod):
    id = "validate-constraints"
    title = "Add foreign keys and check constraints without validating them under a lock"
    prefilter = (b"references", b"constraint", b"CONSTRAINT")
    requires = (b"Ecto.Migration",)
    assured_checks = frozenset({"column_reference_added", "check_constraint_added"})
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        return ()
