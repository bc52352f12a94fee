import Config

config :shop, Shop.Repo, [
  pool_size: 10,
  migration_lock: false
]
