import Config

config :shop,
  ecto_repos: [Shop.Repo]

# Migrations before this one were written before excellent_migrations was added.
config :excellent_migrations, start_after: "20240301000000"

import_config "#{config_env()}.exs"
