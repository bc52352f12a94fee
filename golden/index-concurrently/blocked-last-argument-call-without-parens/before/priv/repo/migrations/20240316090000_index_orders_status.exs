defmodule Shop.Repo.Migrations.IndexOrdersStatus do
  use Ecto.Migration

  def change do
    create index(:orders, columns :status)
  end

  defp columns(name), do: [name]
end
