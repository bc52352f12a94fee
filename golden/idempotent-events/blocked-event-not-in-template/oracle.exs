# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Media do
  def create_asset(attrs),
    do: MirFixOracle.Live.Store.write(:create_asset, fn -> {:ok, attrs} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/uploads", ShopWeb.UploadLive, :index}],
      mount: "/uploads",
      # The Dropzone hook pushes the event.
      steps: [{:hook, "uploaded", %{"url" => "https://example.com/a.png"}}]
    }
  end
end
