import Config

config :shop,
  ecto_repos: [Shop.Repo]

config :shop, Shop.Repo, migration_lock: :pg_advisory_lock

import_config "#{config_env()}.exs"
