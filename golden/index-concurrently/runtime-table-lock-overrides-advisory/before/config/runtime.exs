import Config

if config_env() == :prod do
  config :shop, Shop.Repo,
    url: System.get_env("DATABASE_URL"),
    migration_lock: :table_lock
end
