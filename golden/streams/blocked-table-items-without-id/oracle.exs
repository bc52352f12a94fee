# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
# The golden's own table/1 renders no rows: the page shows the table only.
defmodule Shop.Blog.Request do
  defstruct [:id, :from_user]
end

defmodule Shop.Blog do
  def list_posts, do: MirFixOracle.Live.Store.all(:requests)
end

defmodule MirFixOracle.Case do
  alias MirFixOracle.Live.Store
  alias Shop.Blog.Request

  def scenario do
    %{
      routes: [
        {"/requests", ShopWeb.PostLive.Index, :index},
        {"/profile/:id", ShopWeb.PostLive.Index, :show}
      ],
      seed: fn ->
        Store.seed(
          :requests,
          for(id <- 1..2, do: %Request{id: id, from_user: %{id: 10 + id, name: "User #{id}"}})
        )
      end,
      mount: "/requests",
      list: "#requests tr"
    }
  end
end
