defmodule Shop.Repo.Migrations.CreateCurrencies do
  use Ecto.Migration

  def change do
    create table(:currencies) do
      add :code, :string
    end

    execute "INSERT INTO currencies (code) VALUES ('EUR')", "DELETE FROM currencies"
  end
end
