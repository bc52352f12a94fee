defmodule Shop.Notifier do
  import Ecto.Query

  alias Shop.Accounts
  alias Shop.Accounts.User
  alias Shop.Repo

  def notify_all(user_ids) do
    Enum.each(user_ids, fn id ->
      id |> Accounts.get_user!() |> deliver()
    end)
  end

  def users(user_ids), do: Enum.map(user_ids, &Accounts.get_user!/1)

  def counts do
    for name <- ["admin", "member"], do: Repo.aggregate(from(u in User, where: u.name == ^name), :count)
  end

  @kinds ["admin", "member"]

  def kind_counts do
    @kinds |> Enum.map(fn kind -> {kind, Repo.aggregate(from(u in User, where: u.name == ^kind), :count)} end)
  end

  def pair(first_id, second_id) do
    [first_id, second_id] |> Enum.reject(&is_nil/1) |> Enum.map(&Accounts.get_user!/1)
  end

  def run_all(queries), do: Enum.map(queries, fn query -> Repo.all(query) end)

  def rename_all(user_ids) do
    Enum.each(user_ids, fn id ->
      user = Accounts.get_user!(id)
      Accounts.rename_user(user, String.upcase(user.name))
    end)
  end

  def in_batches(ids) do
    ids
    |> Enum.chunk_every(500)
    |> Enum.flat_map(fn chunk -> Repo.all(from u in User, where: u.id in ^chunk) end)
  end

  defp deliver(user), do: user
end
