defmodule Shop.Repo.Migrations.AddingPrimaryKeyConstraint do
  use Ecto.Migration

  def change do
    execute "ALTER TABLE tags ADD PRIMARY KEY (id)", "ALTER TABLE tags DROP CONSTRAINT tags_pkey"
    execute "ALTER TABLE labels ADD CONSTRAINT labels_pkey PRIMARY KEY USING INDEX labels_id_index", ""
  end
end
