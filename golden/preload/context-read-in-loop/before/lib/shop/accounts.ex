defmodule Shop.Accounts do
  alias Shop.Accounts.User
  alias Shop.Repo

  def get_user!(id), do: Repo.get!(User, id)
end
