defmodule Shop.Accounts do
  alias Shop.Accounts.User
  alias Shop.Repo

  def get_user!(id), do: Repo.get!(User, id)

  def rename_user(user, name), do: user |> Ecto.Changeset.change(name: name) |> Repo.update()
end
