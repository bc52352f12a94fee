defmodule Shop.Repo.Migrations.RequireOrderStatusAndChannel do
  use Ecto.Migration

  def up do
    execute "update orders set channel = 'web' where channel is null"
    execute "alter table orders alter column status set not null"
    execute "alter table orders alter channel set not null;"
  end

  def down do
    execute "alter table orders alter column channel drop not null"
    execute "alter table orders alter column status drop not null"
  end
end
