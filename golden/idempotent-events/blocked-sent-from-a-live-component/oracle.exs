# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Feed do
  alias MirFixOracle.Live.Store

  def list_posts, do: [%{id: 1, body: "Hello"}]
  def create_like(id), do: Store.write(:create_like, fn -> {:ok, %{post_id: id}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/feed", ShopWeb.FeedLive, :index}],
      mount: "/feed",
      steps: [{:click, "#like-1"}]
    }
  end
end
