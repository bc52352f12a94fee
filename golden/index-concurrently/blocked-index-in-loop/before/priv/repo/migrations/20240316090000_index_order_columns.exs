defmodule Shop.Repo.Migrations.IndexOrderColumns do
  use Ecto.Migration

  def change do
    for column <- [:status, :region] do
      create index(:orders, [column])
    end
  end
end
