defmodule Shop.Repo.Migrations.AddPlanToAccountsPlanNotNull do
  use Ecto.Migration

  def change do
    create constraint(:accounts, :accounts_plan_not_null,
             check: ~s("plan" IS NOT NULL),
             validate: false,
             prefix: :billing
           )
  end
end
