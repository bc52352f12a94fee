# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule ShopWeb.OracleComponents do
  @moduledoc "phoenix_html 3's form_for and text_input, which the oracle's phoenix_html 4 no longer has."
  import Phoenix.HTML

  def form_for(name, action, options, fun) do
    form = Phoenix.HTML.FormData.to_form(%{}, as: name)
    {id, options} = Keyword.pop(options, :id)
    submit = Keyword.fetch!(options, :phx_submit)
    inner = form |> fun.() |> Phoenix.HTML.Safe.to_iodata() |> IO.iodata_to_binary()

    raw(~s(<form id="#{id}" action="#{action}" phx-submit="#{submit}">#{inner}</form>))
  end

  def text_input(form, field),
    do: raw(~s(<input type="text" name="#{form.name}[#{field}]" />))
end

defmodule Shop.Feedback do
  def submit_feedback(params),
    do: MirFixOracle.Live.Store.write(:submit_feedback, fn -> {:ok, params} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/feedback", ShopWeb.FeedbackLive, :new}],
      mount: "/feedback",
      steps: [{:submit, "#feedback-form", %{"feedback" => %{"body" => "Great"}}}]
    }
  end
end
