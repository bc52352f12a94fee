defmodule Shop.Repo.Migrations.AddCurrencyToOrdersBackfillCurrency do
  use Ecto.Migration

  import Ecto.Query

  @disable_ddl_transaction true
  @disable_migration_lock true

  @batch_size 1000
  @throttle_ms 100

  def up do
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "currency" SET DEFAULT 'EUR')
    # execute/1 is queued until up/0 returns; the backfill runs now: set the default first.
    flush()
    value = "EUR"
    backfill(value, nil)
  end

  def down do
    execute ~s(ALTER TABLE "orders" ALTER COLUMN "currency" DROP DEFAULT)
  end

  defp backfill(value, last_id) do
    ids =
      from(r in "orders",
        where: is_nil(r.currency),
        order_by: [asc: r.id],
        limit: @batch_size,
        select: r.id
      )
      |> after_id(last_id)
      |> repo().all()

    if ids != [] do
      from(r in "orders", where: r.id in ^ids, update: [set: [currency: ^value]])
      |> repo().update_all([])

      Process.sleep(@throttle_ms)
      backfill(value, List.last(ids))
    end
  end

  defp after_id(query, nil), do: query
  defp after_id(query, id), do: where(query, [r], r.id > ^id)
end
