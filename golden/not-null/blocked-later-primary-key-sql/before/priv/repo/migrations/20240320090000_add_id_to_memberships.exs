defmodule Shop.Repo.Migrations.AddIdToMemberships do
  use Ecto.Migration

  def change do
    alter table(:memberships) do
      add :id, :uuid, null: false, default: fragment("gen_random_uuid()")
    end

    execute "ALTER TABLE memberships ADD PRIMARY KEY (id, team_id)",
            "ALTER TABLE memberships DROP CONSTRAINT memberships_pkey"
  end
end
