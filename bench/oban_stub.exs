# Oban is not among the oracle's packages: its own migrations become no-ops on
# both sides of bench/schema.py, so oban's tables are absent from both dumps
# (mir-fix never edits them). Apps call either module name.
for name <- [Oban.Migrations, Oban.Migration] do
  unless Code.ensure_loaded?(name) do
    Module.create(
      name,
      quote do
        def up(_opts \\ []), do: :ok
        def down(_opts \\ []), do: :ok
      end,
      Macro.Env.location(__ENV__)
    )
  end
end
