defmodule Shop.Repo.Migrations.AddPlanToAccountsBackfillPlan do
  use Ecto.Migration

  import Ecto.Query

  @disable_ddl_transaction true
  @disable_migration_lock true

  @batch_size 1000
  @throttle_ms 100

  def up do
    value = raise "mir-fix: replace this raise with the plan value for existing accounts rows"
    backfill(value, nil)
  end

  def down, do: :ok

  defp backfill(value, last_id) do
    ids =
      from(r in "accounts",
        prefix: "billing",
        where: is_nil(r.plan),
        order_by: [asc: r.id],
        limit: @batch_size,
        select: r.id
      )
      |> after_id(last_id)
      |> repo().all()

    if ids != [] do
      from(r in "accounts", prefix: "billing", where: r.id in ^ids, update: [set: [plan: ^value]])
      |> repo().update_all([])

      Process.sleep(@throttle_ms)
      backfill(value, List.last(ids))
    end
  end

  defp after_id(query, nil), do: query
  defp after_id(query, id), do: where(query, [r], r.id > ^id)
end
