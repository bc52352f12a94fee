defmodule Shop.Repo.Migrations.DisallowUniqueConstraint do
  use Ecto.Migration

  def change do
    execute "ALTER TABLE orders ADD CONSTRAINT orders_note_key UNIQUE (note)", "ALTER TABLE orders DROP CONSTRAINT orders_note_key"
  end
end
