defmodule ShopWeb.PostLive.FormComponent do
  use ShopWeb, :live_component

  def handle_event("save", %{"post" => params}, socket) do
    {:ok, post} = Shop.Blog.update_post(socket.assigns.post, params)
    send(self(), {__MODULE__, {:saved, post}})
    {:noreply, socket}
  end
end
