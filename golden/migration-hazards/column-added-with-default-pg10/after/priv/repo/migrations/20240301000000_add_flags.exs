defmodule Shop.Repo.Migrations.AddFlags do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :archived, :boolean, default: false
      add :currency, :string, null: false, default: "EUR"
      add :token, :uuid, default: fragment("gen_random_uuid()")
    end
  end
end
