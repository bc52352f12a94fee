defmodule ShopWeb.Router do
  use ShopWeb, :router

  pipeline :browser do
    plug :accepts, ["html"]
    plug :fetch_session
    plug :fetch_live_flash
    plug :protect_from_forgery
    plug :put_secure_browser_headers
  end

  scope "/", ShopWeb do
    pipe_through :browser

    live "/products", ProductLive.Index, :index
    live "/orders", OrderLive.Index, :index
    live "/checkout", CheckoutLive, :new
  end
end
