defmodule Shop.Repo.Migrations.AddTotalCheck do
  use Ecto.Migration

  @disable_ddl_transaction true

  def change do
    create constraint(:orders, :total_positive, check: "total >= 0", validate: false)
    execute "ALTER TABLE orders VALIDATE CONSTRAINT total_positive", ""
  end
end
