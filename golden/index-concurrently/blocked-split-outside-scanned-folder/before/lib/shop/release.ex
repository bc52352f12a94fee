defmodule Shop.Release do
  @migrations [{20_240_320_100_000, Shop.ReleaseMigrations.AddOrdersRegion}]

  def migrate do
    Ecto.Migrator.run(Shop.Repo, @migrations, :up, all: true)
  end
end
