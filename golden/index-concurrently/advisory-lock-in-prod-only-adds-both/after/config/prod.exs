import Config

config :shop, Shop.Repo, migration_lock: :pg_advisory_lock
