defmodule Shop.Repo.Migrations.RenameOrdersUser do
  use Ecto.Migration

  def change do
    rename table(:orders), :user_id, to: :buyer_id
  end
end
