# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Blog.Post do
  defstruct [:id, :title]
end

defmodule Shop.Comments.Comment do
  defstruct [:id, :post_id, :body]
end

defmodule Shop.Comments do
  alias MirFixOracle.Live.Store
  alias Shop.Comments.Comment

  def change_comment(%Comment{} = comment, params \\ %{}) do
    {comment, %{body: :string}}
    |> Ecto.Changeset.cast(params, [:body])
    |> Ecto.Changeset.validate_required([:body])
  end

  def create_comment(%Shop.Blog.Post{id: post_id}, params) do
    case Ecto.Changeset.apply_action(change_comment(%Comment{post_id: post_id}, params), :insert) do
      {:ok, comment} ->
        Store.write(:create_comment, fn ->
          {:ok, Store.insert(:comments, %{comment | id: Store.next_id(:comments)})}
        end)

      {:error, changeset} ->
        {:error, changeset}
    end
  end
end

defmodule MirFixOracle.Case do
  alias Shop.Comments

  def scenario do
    comment = %{"comment" => %{"body" => "Nice post"}}

    %{
      component:
        {ShopWeb.CommentComponent,
         fn ->
           %{
             id: "comment",
             post: %Shop.Blog.Post{id: 1, title: "Streams"},
             form: Phoenix.Component.to_form(Comments.change_comment(%Comments.Comment{}))
           }
         end},
      events: [
        %{
          event: "post",
          writes: :create_comment,
          send: {:submit, "form", comment},
          bare: {:event, :submit, "post", comment, "[data-phx-component]"}
        }
      ]
    }
  end
end
