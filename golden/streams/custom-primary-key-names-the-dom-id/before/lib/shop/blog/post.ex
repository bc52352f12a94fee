defmodule Shop.Blog.Post do
  use Ecto.Schema

  @primary_key {:uuid, :binary_id, autogenerate: true}
  schema "posts" do
    field :title, :string
  end
end
