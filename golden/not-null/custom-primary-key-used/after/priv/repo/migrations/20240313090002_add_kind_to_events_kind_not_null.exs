defmodule Shop.Repo.Migrations.AddKindToEventsKindNotNull do
  use Ecto.Migration

  def change do
    create constraint(:events, :events_kind_not_null,
             check: ~s("kind" IS NOT NULL),
             validate: false
           )
  end
end
