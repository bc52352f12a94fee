# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count their writes, and the steps run on before/ and after/.
defmodule Shop.Comments do
  def create_comment(body),
    do: MirFixOracle.Live.Store.write(:create_comment, fn -> {:ok, %{body: body}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      component: {ShopWeb.CommentComponent, fn -> %{id: "comments"} end},
      steps: [{:submit, "#comment-form", %{"body" => "Nice"}}]
    }
  end
end
