import Config

config :shop, ecto_repos: [Shop.Repo, Shop.AuditRepo]

config :shop, Shop.AuditRepo, priv: "priv/audit"

config :shop, Shop.Repo, migration_lock: false
