defmodule Shop.Blog.Comment do
  use Ecto.Schema

  schema "comments" do
    field :body, :string
    belongs_to :post, Shop.Blog.Post
  end
end
