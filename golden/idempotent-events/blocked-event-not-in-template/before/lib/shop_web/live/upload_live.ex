defmodule ShopWeb.UploadLive do
  use ShopWeb, :live_view

  alias Shop.Media

  @impl true
  def mount(_params, _session, socket) do
    {:ok, socket}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div id="dropzone" phx-hook="Dropzone"></div>
    """
  end

  @impl true
  def handle_event("uploaded", %{"url" => url}, socket) do
    {:ok, _asset} = Media.create_asset(%{url: url})
    {:noreply, socket}
  end
end
