defmodule Shop.Blog.Post do
  use Ecto.Schema

  @primary_key false
  schema "posts" do
    field :slug, :string, primary_key: true
    field :title, :string
  end
end
