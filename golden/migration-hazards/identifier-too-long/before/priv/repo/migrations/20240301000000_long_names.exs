defmodule Shop.Repo.Migrations.LongNames do
  use Ecto.Migration

  def change do
    create table(:customer_notification_preferences_for_marketing) do
      add :channel_subscription_confirmation_timestamp, :utc_datetime
      add :customer_identifier_reference_within_the_external_billing_system, :string
    end

    create index(:customer_notification_preferences_for_marketing, [:channel_subscription_confirmation_timestamp])
    create index(:customer_notification_preferences_for_marketing, [:channel_subscription_confirmation_timestamp], name: :prefs_confirmed_index)
    create constraint(:orders, :orders_total_must_be_positive_and_below_the_configured_maximum_value, check: "total > 0", validate: false)
  end
end
