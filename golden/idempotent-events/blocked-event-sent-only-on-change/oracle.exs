# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Preferences do
  def create_preference(mode),
    do: MirFixOracle.Live.Store.write(:create_preference, fn -> {:ok, %{mode: mode}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/preferences", ShopWeb.PreferencesLive, :edit}],
      mount: "/preferences",
      steps: [{:change, "#mode-form", %{"mode" => "some"}}]
    }
  end
end
