defmodule Shop.Repo.Migrations.IndexDevicesToken do
  use Ecto.Migration

  def change do
    create(
      unique_index(:devices, [:account_id, :config_token, :config_token_expires_at],
        name: :devices_account_id_config_token_index
      )
    )
  end
end
