defmodule Shop.Blog.Post do
  use Ecto.Schema

  schema "posts" do
    field :title, :string
  end
end
