defmodule Shop.Repo.Migrations.ChangeSettingDefaults do
  use Ecto.Migration

  def change do
    alter table(:settings) do
      modify :label, :string, default: "it's new"
      modify :retries, :integer, default: 1_000
      modify :offset, :integer, default: -1
      modify :ratio, :float, default: 2.5
      # switched on for everyone
      modify :enabled, :boolean, default: true
      modify :note, :text, default: nil
      modify :checked_at, :utc_datetime, default: fragment("now()")
    end
  end
end
