defmodule Shop.Repo.Migrations.AddNoteToOrders do
  use Ecto.Migration

  def change do
    execute "ALTER TABLE orders ADD COLUMN note text, ADD CONSTRAINT note_short CHECK (char_length(note) < 100)",
            "ALTER TABLE orders DROP COLUMN note"
  end
end
