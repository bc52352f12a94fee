import Config

config :shop, Shop.Repo, migration_lock: nil

import_config "#{config_env()}.exs"
