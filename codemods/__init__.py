"""One module per codemod; each knows Phoenix, none does I/O itself."""

from __future__ import annotations

from mir_fix.engine.codemod import Codemod

from .async_events import AsyncEvents
from .column_default import ColumnDefault
from .idempotent_events import IdempotentEvents
from .index_concurrently import IndexConcurrently
from .migration_hazards import MigrationHazards
from .not_null import NotNull
from .preload import Preload
from .pubsub_payloads import PubsubPayloads
from .streams import Streams
from .validate_constraints import ValidateConstraints

CODEMODS: tuple[Codemod, ...] = (
    IndexConcurrently(),
    NotNull(),
    ValidateConstraints(),
    ColumnDefault(),
    MigrationHazards(),
    Streams(),
    IdempotentEvents(),
    AsyncEvents(),
    Preload(),
    PubsubPayloads(),
)


def by_id(codemod_id: str) -> Codemod | None:
    return next((c for c in CODEMODS if c.id == codemod_id), None)


def by_check(name: str) -> tuple[Codemod, str] | None:
    """The codemod reporting check `name` (`column_removed`, or `column-removed`) and the check's help text."""
    wanted = name.replace("-", "_")
    return next(((c, c.checks[wanted]) for c in CODEMODS if wanted in c.checks), None)
