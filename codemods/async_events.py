"""async-events: Run slow calls of handle_event with start_async so the page stays responsive.

(Being built for issue 16.)
"""

from __future__ import annotations

from collections.abc import Iterable

from mir_fix.engine.change import Change, Finding
from mir_fix.engine.codemod import Codemod, Context, ParsedSource


class AsyncEvents(Codemod):
    id = "async-events"
    title = "Run slow calls of handle_event with start_async so the page stays responsive"
    prefilter = (
        b"Req",
        b"HTTPoison",
        b"Finch",
        b"Tesla",
        b"httpc",
        b"sleep",
    )
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        return ()
