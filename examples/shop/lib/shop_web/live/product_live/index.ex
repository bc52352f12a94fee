defmodule ShopWeb.ProductLive.Index do
  use ShopWeb, :live_view

  alias Shop.Catalog

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, :products, Catalog.list_products())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <h1 class="text-lg font-semibold">Products</h1>
    <ul id="products">
      <li :for={product <- @products} id={"product-#{product.id}"}><%= product.name %></li>
    </ul>
    """
  end
end
