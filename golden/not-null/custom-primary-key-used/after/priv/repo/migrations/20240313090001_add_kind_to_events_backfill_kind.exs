defmodule Shop.Repo.Migrations.AddKindToEventsBackfillKind do
  use Ecto.Migration

  import Ecto.Query

  @disable_ddl_transaction true
  @disable_migration_lock true

  @batch_size 1000
  @throttle_ms 100

  def up do
    value = raise "mir-fix: replace this raise with the kind value for existing events rows"
    backfill(value, nil)
  end

  def down, do: :ok

  defp backfill(value, last_id) do
    ids =
      from(r in "events",
        where: is_nil(r.kind),
        order_by: [asc: r.event_id],
        limit: @batch_size,
        select: r.event_id
      )
      |> after_id(last_id)
      |> repo().all()

    if ids != [] do
      from(r in "events", where: r.event_id in ^ids, update: [set: [kind: ^value]])
      |> repo().update_all([])

      Process.sleep(@throttle_ms)
      backfill(value, List.last(ids))
    end
  end

  defp after_id(query, nil), do: query
  defp after_id(query, id), do: where(query, [r], r.event_id > ^id)
end
