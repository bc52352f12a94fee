defmodule Shop.Repo.Migrations.CreateCarts do
  use Ecto.Migration

  def change do
    create table(:carts) do
      add :token, :string
      add :legacy, :string
    end

    alter table(:carts) do
      remove :legacy
      modify :token, :text, from: :integer
    end

    rename table(:carts), :token, to: :cart_token
  end
end
