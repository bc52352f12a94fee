import Config

config :excellent_migrations, skip_checks: [:column_removed]
