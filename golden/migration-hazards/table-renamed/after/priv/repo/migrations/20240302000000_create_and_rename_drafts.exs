defmodule Shop.Repo.Migrations.CreateAndRenameDrafts do
  use Ecto.Migration

  def change do
    create table(:drafts) do
      add :body, :text
    end

    rename table(:drafts), to: table(:draft_orders)
  end
end
