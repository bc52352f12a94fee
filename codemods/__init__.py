"""One module per codemod; each knows Phoenix, none does I/O itself."""

from __future__ import annotations

from mir_fix.engine.codemod import Codemod

from .idempotent_events import IdempotentEvents
from .index_concurrently import IndexConcurrently
from .not_null import NotNull
from .streams import Streams

CODEMODS: tuple[Codemod, ...] = (IndexConcurrently(), NotNull(), Streams(), IdempotentEvents())


def by_id(codemod_id: str) -> Codemod | None:
    return next((c for c in CODEMODS if c.id == codemod_id), None)
