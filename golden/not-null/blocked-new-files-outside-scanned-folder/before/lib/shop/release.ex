defmodule Shop.Release do
  @migrations [{20_240_303_090_000, Shop.ReleaseMigrations.AddTokenToOrders}]

  def migrate do
    Ecto.Migrator.run(Shop.Repo, @migrations, :up, all: true)
  end
end
