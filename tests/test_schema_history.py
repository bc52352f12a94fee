"""The schema-history facts not-null asks for: CHECK (c IS NOT NULL) constraints and unique indexes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mir_fix.codemods._schema_history import history, not_null_column
from mir_fix.engine.codemod import Workspace


@pytest.mark.parametrize(
    ("literal", "column"),
    [
        ('"active IS NOT NULL"', "active"),
        ('~s("active" IS NOT NULL)', "active"),
        ('"(active is not null)"', "active"),
        ('"\\"active\\" IS NOT NULL"', "active"),
        ('"active IS NOT NULL AND price > 0"', None),
        ('"price > 0"', None),
    ],
)
def test_not_null_column(literal: str, column: str | None) -> None:
    assert not_null_column(literal) == column


def migration(name: str, body: str) -> str:
    return f"defmodule Shop.Repo.Migrations.{name} do\n  use Ecto.Migration\n\n  def change do\n{body}\n  end\nend\n"


@pytest.mark.parametrize(
    ("migrations", "validated"),
    [
        # NOT VALID, then VALIDATE in a later migration
        (
            [
                'create constraint(:products, :active_nn, check: "active IS NOT NULL", validate: false)',
                'execute "ALTER TABLE products VALIDATE CONSTRAINT active_nn", ""',
            ],
            "active_nn",
        ),
        # NOT VALID only
        (['create constraint(:products, :active_nn, check: "active IS NOT NULL", validate: false)'], None),
        # validated at creation
        (['create constraint(:products, :active_nn, check: "active IS NOT NULL")'], "active_nn"),
        # raw SQL, then dropped
        (
            [
                'execute "ALTER TABLE products ADD CONSTRAINT active_nn CHECK (active IS NOT NULL) NOT VALID"',
                'execute "ALTER TABLE products VALIDATE CONSTRAINT active_nn"',
                "drop constraint(:products, :active_nn)",
            ],
            None,
        ),
        # another table's constraint of that name
        (
            [
                'create constraint(:products, :active_nn, check: "active IS NOT NULL", validate: false)',
                'execute "ALTER TABLE orders VALIDATE CONSTRAINT active_nn"',
            ],
            None,
        ),
    ],
)
def test_validated_not_null(tmp_path: Path, migrations: list[str], validated: str | None) -> None:
    folder = tmp_path / "priv/repo/migrations"
    folder.mkdir(parents=True)
    for index, body in enumerate(migrations):
        (folder / f"2024010109000{index}_step{index}.exs").write_text(migration(f"Step{index}", f"    {body}"))
    known = history(folder, "products", Workspace(tmp_path))
    assert known.validated_not_null("products", "active", "20250101000000", []) == validated
    assert known.validated_not_null("products", "active", "20240101090000", []) is None


def test_unique_index_on(tmp_path: Path) -> None:
    folder = tmp_path / "priv/repo/migrations"
    folder.mkdir(parents=True)
    (folder / "20240101090000_a.exs").write_text(migration("A", "    create unique_index(:products, [:sku, :shop_id])"))
    (folder / "20240101090001_b.exs").write_text(migration("B", "    create index(:products, [:name])"))
    (folder / "20240101090002_c.exs").write_text(migration("C", "    create index(:products, [:ean], unique: true)"))
    known = history(folder, "products", Workspace(tmp_path))
    assert known.unique_index_on("products", "sku") == "20240101090000"
    assert known.unique_index_on("products", "shop_id") == "20240101090000"
    assert known.unique_index_on("products", "ean") == "20240101090002"
    assert known.unique_index_on("products", "name") is None
