defmodule Shop.LiteRepo.Migrations.IndexEntriesKey do
  use Ecto.Migration

  def change do
    create index(:entries, [:key])
  end
end
