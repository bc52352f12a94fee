defmodule Shop.Catalog do
  @moduledoc """
  The Catalog context.
  """

  import Ecto.Query, warn: false
  alias Shop.Repo

  alias Shop.Catalog.Product

  def list_products do
    Product
    |> where([p], is_nil(p.archived_at))
    |> order_by(asc: :name)
    |> Repo.all()
  end

  def get_product!(id), do: Repo.get!(Product, id)

  def create_product(attrs \\ %{}) do
    %Product{}
    |> Product.changeset(attrs)
    |> Repo.insert()
  end
end
