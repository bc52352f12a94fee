import Config

config :shop, Shop.Repo, parameters: [lock_timeout: "5s"]
