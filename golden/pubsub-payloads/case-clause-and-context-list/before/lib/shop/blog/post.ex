defmodule Shop.Blog.Post do
  use Ecto.Schema

  alias Shop.Accounts.User

  schema "posts" do
    field :title, :string
    belongs_to :author, User
    has_many :comments, Shop.Blog.Comment

    timestamps()
  end
end
