defmodule ShopWeb.SinkLive do
  use ShopWeb, :live_view

  alias Shop.Sinks

  @impl true
  def mount(_params, _session, socket) do
    {:ok, assign(socket, form: to_form(%{"url" => ""}, as: :sink), wizard?: false)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div :if={@wizard?} id="wizard">
      <h2>Step 2 of 2</h2>
      <.sink_form form={@form} id="wizard-sink-form" />
    </div>
    <div :if={!@wizard?} id="plain">
      <.sink_form form={@form} id="sink-form" />
    </div>
    <button id="start" phx-click="wizard">Use the wizard</button>
    """
  end

  attr :form, :any, required: true
  attr :id, :string, required: true

  defp sink_form(assigns) do
    ~H"""
    <.form for={@form} id={@id} phx-submit="submit_sink">
      <input type="text" name="sink[url]" value={@form[:url].value} />
      <.button type="button" phx-click="wizard">Cancel</.button>
      <.button>Add sink</.button>
    </.form>
    """
  end

  @impl true
  def handle_event("wizard", _params, socket) do
    {:noreply, assign(socket, :wizard?, !socket.assigns.wizard?)}
  end

  def handle_event("submit_sink", %{"sink" => params}, socket) do
    case Sinks.create_sink(params) do
      {:ok, _sink} -> {:noreply, put_flash(socket, :info, "Sink added")}
      {:error, _reason} -> {:noreply, put_flash(socket, :error, "Could not add the sink")}
    end
  end
end
