"""migration-hazards' checks: each one's help text (`mir-fix --explain <check>`, SARIF rules), and which lock a table.

Names are excellent_migrations' where it has the check (so its suppression
comments and `skip_checks` apply), else squawk's rule names with underscores.
"""

from __future__ import annotations

from dataclasses import dataclass

RECIPE_COLUMN = (
    "add the new column, make the app write both, backfill existing rows in batches, switch reads to the new "
    "column, then drop the old one in a later deploy"
)

CHECKS: dict[str, str] = {
    "column_removed": (
        "A column dropped while running code still maps it: Ecto selects every schema field, so every query of "
        "that schema fails (`column ... does not exist`) from the moment the migration runs until the new code is "
        "out (multi-node deploys, or migrations run before the app restarts). Fix: remove the field from the "
        "Ecto schema (and every use) and deploy that first; drop the column in a later deploy."
    ),
    "column_renamed": (
        "A renamed column breaks the running code, which still reads and writes the old name. Fix: keep the "
        "column and rename only the schema field (`field :new_name, :type, source: :old_name`); or, to rename in "
        f"the database, {RECIPE_COLUMN}."
    ),
    "table_renamed": (
        "A renamed table breaks the running code, which still queries the old name. Fix: keep the table and "
        'rename only the schema module (`schema "old_name"`); or create the new table, write both, backfill, '
        "switch reads, and drop the old table in a later deploy (a view named after the old table can bridge the "
        "deploy while reads move)."
    ),
    "column_type_changed": (
        "Changing a column's type takes an ACCESS EXCLUSIVE lock and, for most pairs of types, rewrites the "
        "table and its indexes while reads and writes wait; the running code may also not read the new type. "
        "Catalog-only changes (varchar(n) to text or to a longer varchar, more numeric precision with the same "
        "scale) are not reported. Fix: " + RECIPE_COLUMN + "."
    ),
    "table_dropped": (
        "A dropped table breaks any running code that still queries it. Fix: remove the schema and every use "
        "of the table, deploy that, then drop the table in a later deploy."
    ),
    "operation_insert": (
        "Data inserted in a schema migration runs inside its transaction (holding the locks its DDL took) and "
        "through app modules that change over time. Fix: move it to a data migration of its own "
        "(@disable_ddl_transaction true, batched, schemaless queries through repo()), or a seed/release task."
    ),
    "operation_update": (
        "Rows updated in a schema migration are updated in one transaction that holds the DDL's locks and every "
        "updated row's lock until it commits. Fix: a separate data migration with @disable_ddl_transaction true "
        "and @disable_migration_lock true that updates in batches (keyset pagination on the primary key, "
        "repo().update_all per batch), shipped after the schema change."
    ),
    "operation_delete": (
        "Rows deleted in a schema migration are deleted in one transaction that holds the DDL's locks and every "
        "deleted row's lock until it commits. Fix: a separate data migration with @disable_ddl_transaction true "
        "that deletes in batches, shipped after the schema change."
    ),
    "raw_sql_executed": (
        "mir-fix cannot tell what this SQL locks or whether the running code survives it. Fix: check the lock each "
        "statement takes (https://www.postgresql.org/docs/current/explicit-locking.html) and the rows it touches; "
        "when it is safe, say so with `# excellent_migrations:safety-assured-for-next-line raw_sql_executed`."
    ),
    "json_column_added": (
        "PostgreSQL's json type has no equality operator, so SELECT DISTINCT, UNION and GROUP BY over rows "
        "with the column fail. Fix: use `:map` (jsonb in ecto_sql's Postgres adapter)."
    ),
    "column_added_with_default": (
        "Before PostgreSQL 11, adding a column with a default rewrites the whole table under an ACCESS EXCLUSIVE "
        "lock. Fix: add the column without a default, set the default in a second migration "
        '(`execute "ALTER TABLE t ALTER COLUMN c SET DEFAULT ..."`), and backfill existing rows in batches.'
    ),
    "not_null_dropped": (
        "Dropping NOT NULL lets NULLs in, and the running code (and other readers) may assume the column is "
        "never NULL: a pattern match or a calculation on it fails on the first NULL. Fix: make every reader "
        "handle nil (and the schema's validations allow it) in a deploy before this migration."
    ),
    "index_not_concurrently": (
        "An index built or dropped without CONCURRENTLY on an existing table holds a lock that blocks every write "
        "to it (SHARE to build, ACCESS EXCLUSIVE to drop) until it is done. The index-concurrently codemod "
        "fixes it; migration-hazards reports only an explicit `concurrently: false`, which it leaves as a "
        "person's choice. Fix: `concurrently: true`, or a safety-assured comment when the table is small."
    ),
    "many_columns_index": (
        "A non-unique index over more than three columns rarely helps more than one over its most selective "
        "two or three, and costs every write. Fix: index the columns that narrow the rows most."
    ),
    "identifier_too_long": (
        "PostgreSQL truncates names longer than 63 bytes without an error. Two long names that share their "
        "first 63 bytes then collide, and Ecto's unique_constraint/foreign_key_constraint (which match the "
        "untruncated default name) no longer recognise the violation: the insert raises instead of returning "
        "an {:error, changeset}. Fix: give a shorter `name:` (and pass it to the changeset's constraint call)."
    ),
    "prefer_identity": (
        "serial columns own a separate sequence whose permissions and ownership need their own management. "
        "Fix: `add :id, :identity, primary_key: true` (ecto_sql 3.10+: bigint GENERATED BY DEFAULT AS IDENTITY)."
    ),
    "prefer_bigint": (
        "A key numbered from an int4 sequence (`:serial`) runs out at 2,147,483,647, and a reference of type "
        "`:integer` cannot hold a bigint key past it; widening either later rewrites the table and every table "
        "that references it. Fix: `:bigserial` (Ecto's default primary key), `:identity`, and references of the "
        "referenced key's type (`:bigint`, Ecto's default)."
    ),
    "lock_timeout_missing": (
        "Without lock_timeout, a DDL statement that waits for a lock held by a long query queues every later "
        "query on the table behind it: the table stops answering until the lock is granted. Fix: make the "
        'migration give up fast and retry: `execute "SET LOCAL lock_timeout TO \'5s\'", "SET LOCAL lock_timeout '
        "TO '5s'\"` first in change/0 (or up/0), or `parameters: [lock_timeout: \"5s\"]` in the repo's config."
    ),
    "ban_truncate_cascade": (
        "TRUNCATE ... CASCADE also empties every table with a foreign key to it, recursively, under ACCESS "
        "EXCLUSIVE locks. Fix: name every table to truncate, or delete the rows in batches."
    ),
    "require_concurrent_reindex": (
        "REINDEX without CONCURRENTLY blocks writes to the table (and reads that use the index) until it ends. "
        "Fix: `REINDEX INDEX CONCURRENTLY ...` (PostgreSQL 12+) in a migration with @disable_ddl_transaction "
        "true and @disable_migration_lock true."
    ),
    "require_concurrent_partition_detach": (
        "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on the parent table. Fix: `DETACH PARTITION ... "
        "CONCURRENTLY` (PostgreSQL 14+) in a migration with @disable_ddl_transaction true."
    ),
    "adding_primary_key_constraint": (
        "ADD PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock: reads and writes wait for the build. "
        "Fix: `CREATE UNIQUE INDEX CONCURRENTLY` in its own migration, then `ALTER TABLE ... ADD CONSTRAINT ... "
        "PRIMARY KEY USING INDEX ...`."
    ),
    "disallow_unique_constraint": (
        "ADD CONSTRAINT ... UNIQUE builds its index under an ACCESS EXCLUSIVE lock. Fix: `CREATE UNIQUE INDEX "
        "CONCURRENTLY` in its own migration, then `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX ...`."
    ),
    "transaction_nesting": (
        "Ecto runs each migration in a transaction: a BEGIN inside it only warns, and a COMMIT ends Ecto's "
        "transaction early, so what follows runs without one and a failure leaves the migration half applied. "
        "Fix: remove BEGIN/COMMIT; for work that must run outside a transaction, use @disable_ddl_transaction true."
    ),
}
EXCELLENT_CHECKS = frozenset(
    {
        "column_removed",
        "column_renamed",
        "table_renamed",
        "column_type_changed",
        "table_dropped",
        "operation_insert",
        "operation_update",
        "operation_delete",
        "raw_sql_executed",
        "json_column_added",
        "column_added_with_default",
        "many_columns_index",
        "index_not_concurrently",
    }
)
# Hazards that take an ACCESS EXCLUSIVE (or SHARE) lock on an existing table: with one, lock_timeout matters.
# Raw SQL mir-fix cannot classify is not known to lock anything; data writes take row locks.
LOCKING = frozenset(
    {
        "column_removed",
        "column_renamed",
        "table_renamed",
        "column_type_changed",
        "table_dropped",
        "column_added_with_default",
        "not_null_dropped",
        "ban_truncate_cascade",
        "require_concurrent_reindex",
        "require_concurrent_partition_detach",
        "adding_primary_key_constraint",
        "disallow_unique_constraint",
    }
)


@dataclass(frozen=True)
class Hazard:
    """One finding before it is a Finding: its check, line and message."""

    check: str
    line: int
    message: str
    # Other checks whose suppression also silences it (raw SQL: `raw_sql_executed`, what excellent_migrations says).
    also: frozenset[str] = frozenset()
