defmodule ShopWeb.SinkLive do
  use ShopWeb, :live_view

  alias Shop.Sinks

  @impl true
  def mount(_params, _session, socket) do
    socket = assign(socket, :submit_sink_idempotency_key, Ecto.UUID.generate())
    {:ok, assign(socket, form: to_form(%{"url" => ""}, as: :sink), wizard?: false)}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <div :if={@wizard?} id="wizard">
      <h2>Step 2 of 2</h2>
      <.sink_form
        form={@form}
        id="wizard-sink-form"
        submit_sink_idempotency_key={@submit_sink_idempotency_key}
      />
    </div>
    <div :if={!@wizard?} id="plain">
      <.sink_form
        form={@form}
        id="sink-form"
        submit_sink_idempotency_key={@submit_sink_idempotency_key}
      />
    </div>
    <button id="start" phx-click="wizard">Use the wizard</button>
    """
  end

  attr :form, :any, required: true
  attr :id, :string, required: true
  attr :submit_sink_idempotency_key, :string, default: nil

  defp sink_form(assigns) do
    ~H"""
    <.form for={@form} id={@id} phx-submit="submit_sink">
      <input
        :if={@submit_sink_idempotency_key}
        type="hidden"
        name="submit_sink_idempotency_key"
        value={@submit_sink_idempotency_key}
      />
      <input type="text" name="sink[url]" value={@form[:url].value} />
      <.button type="button" phx-click="wizard">Cancel</.button>
      <.button phx-disable-with="Saving...">Add sink</.button>
    </.form>
    """
  end

  @impl true
  def handle_event("wizard", _params, socket) do
    {:noreply, assign(socket, :wizard?, !socket.assigns.wizard?)}
  end

  def handle_event("submit_sink", %{"submit_sink_idempotency_key" => key}, socket)
      when key != socket.assigns.submit_sink_idempotency_key,
      do: {:noreply, socket}

  def handle_event("submit_sink", %{"sink" => params}, socket) do
    socket = assign(socket, :submit_sink_idempotency_key, Ecto.UUID.generate())

    case Sinks.create_sink(params) do
      {:ok, _sink} -> {:noreply, put_flash(socket, :info, "Sink added")}
      {:error, _reason} -> {:noreply, put_flash(socket, :error, "Could not add the sink")}
    end
  end
end
