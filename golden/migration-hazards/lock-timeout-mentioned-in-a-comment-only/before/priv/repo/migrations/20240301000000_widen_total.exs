defmodule Shop.Repo.Migrations.WidenTotal do
  use Ecto.Migration

  def change do
    # TODO: set lock_timeout here
    alter table(:orders) do
      modify :total, :bigint, from: :integer
    end
  end
end
