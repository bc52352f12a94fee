defmodule Shop.Application do
  @moduledoc false

  use Application

  @impl true
  def start(_type, _args) do
    children = [
      Shop.Repo,
      {Phoenix.PubSub, name: Shop.PubSub},
      ShopWeb.Endpoint
    ]

    opts = [strategy: :one_for_one, name: Shop.Supervisor]
    Supervisor.start_link(children, opts)
  end
end
