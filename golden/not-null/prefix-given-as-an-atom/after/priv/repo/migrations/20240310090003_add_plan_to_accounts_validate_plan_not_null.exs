defmodule Shop.Repo.Migrations.AddPlanToAccountsValidatePlanNotNull do
  use Ecto.Migration

  def up do
    execute ~s(ALTER TABLE "billing"."accounts" VALIDATE CONSTRAINT "accounts_plan_not_null")
    execute ~s(ALTER TABLE "billing"."accounts" ALTER COLUMN "plan" SET NOT NULL)
    drop constraint(:accounts, :accounts_plan_not_null, prefix: :billing)
  end

  def down do
    create constraint(:accounts, :accounts_plan_not_null,
             check: ~s("plan" IS NOT NULL),
             validate: false,
             prefix: :billing
           )

    execute ~s(ALTER TABLE "billing"."accounts" ALTER COLUMN "plan" DROP NOT NULL)
  end
end
