# Oban is not among the oracle's packages. Its migrations are stood in for by
# a table with Oban's name and main columns (later app migrations index or
# alter it), the same on both sides of bench/schema.py; mir-fix never edits
# them. Apps call either module name.
for name <- [Oban.Migrations, Oban.Migration] do
  unless Code.ensure_loaded?(name) do
    Module.create(
      name,
      quote do
        import Ecto.Migration

        def up(opts \\ []) do
          prefix = Keyword.get(opts, :prefix, "public")

          execute("""
          CREATE TABLE IF NOT EXISTS "#{prefix}".oban_jobs (
            id bigserial PRIMARY KEY, state text NOT NULL DEFAULT 'available', queue text NOT NULL DEFAULT 'default',
            worker text NOT NULL, args jsonb NOT NULL DEFAULT '{}', meta jsonb DEFAULT '{}', tags text[] DEFAULT '{}',
            errors jsonb[] NOT NULL DEFAULT '{}', attempt integer NOT NULL DEFAULT 0,
            max_attempts integer NOT NULL DEFAULT 20, priority integer DEFAULT 0, attempted_by text[],
            inserted_at timestamp NOT NULL DEFAULT now(), scheduled_at timestamp NOT NULL DEFAULT now(),
            attempted_at timestamp, completed_at timestamp, discarded_at timestamp, cancelled_at timestamp)
          """)
        end

        def down(opts \\ []) do
          prefix = Keyword.get(opts, :prefix, "public")
          if Keyword.get(opts, :version, 1) <= 1, do: execute(~s(DROP TABLE IF EXISTS "#{prefix}".oban_jobs))
        end
      end,
      Macro.Env.location(__ENV__)
    )
  end
end
