"""preload: Load associations once for a list instead of once per item (N+1 queries).

(Being built for issue 16.)
"""

from __future__ import annotations

from collections.abc import Iterable

from mir_fix.engine.change import Change, Finding
from mir_fix.engine.codemod import Codemod, Context, ParsedSource


class Preload(Codemod):
    id = "preload"
    title = "Load associations once for a list instead of once per item (N+1 queries)"
    prefilter = (
        b"preload",
        b"Repo.",
    )
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        return ()
