defmodule Shop.Repo.Migrations.CreateLegacy do
  use Ecto.Migration

  def change do
    create table(:legacy_codes, primary_key: false) do
      add :id, :serial, primary_key: true
    end

    create table(:legacy_tags, primary_key: false) do
      add :id, :integer, primary_key: true
      add :code_id, references(:legacy_codes, type: :integer)
    end

    create table(:weekly_totals, primary_key: false) do
      add :year, :integer, primary_key: true
      add :week, :integer, primary_key: true
    end

    create table(:modern, primary_key: false) do
      add :id, :identity, primary_key: true
      add :order_id, references(:orders)
    end
  end
end
