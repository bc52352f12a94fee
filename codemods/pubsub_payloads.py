"""pubsub-payloads: Report PubSub broadcasts that copy whole structs or lists to every subscriber.

(Being built for issue 16.)
"""

from __future__ import annotations

from collections.abc import Iterable

from mir_fix.engine.change import Change, Finding
from mir_fix.engine.codemod import Codemod, Context, ParsedSource


class PubsubPayloads(Codemod):
    id = "pubsub-payloads"
    title = "Report PubSub broadcasts that copy whole structs or lists to every subscriber"
    prefilter = (b"broadcast",)
    explain = (__doc__ or "").split("\n", 2)[2]

    def propose(self, source: ParsedSource, ctx: Context) -> Iterable[Change | Finding]:
        return ()
