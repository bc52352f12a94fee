defmodule Shop.Repo.Migrations.AddCurrency do
  use Ecto.Migration

  import Ecto.Query

  def up do
    alter table(:orders) do
      add :currency, :string
    end

    flush()

    from(o in "orders", update: [set: [currency: "EUR"]]) |> repo().update_all([])
    Shop.Repo.insert_all("currencies", [%{code: "EUR"}])
    Repo.delete_all(from(c in "carts"))
    execute "UPDATE orders SET status = 'open' WHERE status IS NULL"
    execute "INSERT INTO currencies (code) VALUES ('USD')"
    repo().all(from(o in "orders", select: o.id))
  end

  def down do
    repo().delete_all(from(c in "currencies"))

    alter table(:orders) do
      remove :currency
    end
  end
end
