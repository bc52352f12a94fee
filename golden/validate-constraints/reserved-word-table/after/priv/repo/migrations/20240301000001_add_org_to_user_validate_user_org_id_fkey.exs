defmodule Shop.Repo.Migrations.AddOrgToUserValidateUserOrgIdFkey do
  use Ecto.Migration

  def change do
    execute ~s(ALTER TABLE "user" VALIDATE CONSTRAINT "user_org_id_fkey"), ""
  end
end
