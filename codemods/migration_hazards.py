"""migration-hazards: what excellent_migrations, squawk and strong_migrations catch that has no safe rewrite.

(Being built for issue 14: the checks and their help texts go in `checks`.)
"""

from __future__ import annotations

from collections.abc import Iterable

from mir_fix.engine.change import Change, Finding
from mir_fix.engine.codemod import Codemod, Context, ParsedSource


class MigrationHazards(Codemod):
    id = "migration-hazards"
    title = "Report migration steps that lock or break a running app and have no safe rewrite"
    prefilter = (b"Ecto.Migration",)
    requires = (b"Ecto.Migration",)
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        return ()
