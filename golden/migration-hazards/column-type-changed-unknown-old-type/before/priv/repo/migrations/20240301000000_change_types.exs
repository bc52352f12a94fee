defmodule Shop.Repo.Migrations.ChangeTypes do
  use Ecto.Migration

  def change do
    alter table(:customers) do
      modify :email, :citext
      modify :name, :citext, from: :string
    end
  end
end
