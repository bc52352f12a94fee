# Runs folders of Ecto migrations on PostgreSQL with real ecto_sql, the way
# `mix ecto.migrate` / `mix ecto.rollback --all` would, and reports what
# happened as JSON.
#
#   mix run --no-compile --no-start migrations.exs JOBS.json RESULTS.json
#
# A job: %{"database", "repo", "prefix", "requires", "paths", "config", "setup_sql",
# "seed", "seed_after", "expect_sql", "steps"}; "requires" are .exs files
# loaded first (stand-ins for libraries the oracle does not have).
# "config" is the app's config/config.exs: its repos' migration_* settings
# (migration_lock, migration_timestamps, migration_primary_key, ...) are the
# oracle repo's, as they are the app's when it migrates. "steps" is a list of "up" (migrate one version at a time,
# seeding rows into every table after each one when "seed"), "down" (roll
# back every version) or "dump" (pg_dump --schema-only).

Logger.configure(level: :warning)
{:ok, _} = Application.ensure_all_started(:postgrex)
{:ok, _} = Application.ensure_all_started(:ecto_sql)

defmodule MirFixOracle.Migrations do
  @moduledoc false

  # A migration that waits on a lock forever (say, CONCURRENTLY inside the
  # migration lock's transaction) is a failure, not a hung test run.
  @step_timeout 20_000
  @rows_per_step 3

  def run_job(job) do
    Enum.each(job["requires"] || [], &Code.require_file/1)
    repo = define_repo(job["repo"] || "MirFixOracle.Repo")
    Process.put(:oracle_repo, repo)
    database = job["database"]
    opts = connection(database) ++ app_migration_settings(job["config"], job["repo"])
    Ecto.Adapters.Postgres.storage_down(opts)
    :ok = Ecto.Adapters.Postgres.storage_up(opts)
    # Repo.config/0, which the migrator reads, comes from the app environment.
    settings = Keyword.merge(opts, pool_size: 4, telemetry_prefix: [:mir_fix_oracle, :repo])
    Application.put_env(:mir_fix_oracle, repo, settings)
    {:ok, pid} = repo.start_link()

    try do
      # An app that migrates into its own schema creates it before it migrates.
      for prefix <- [opts[:migration_default_prefix], job["prefix"]], prefix != nil do
        repo.query!(~s(CREATE SCHEMA IF NOT EXISTS "#{prefix}"))
      end

      if sql = job["setup_sql"], do: Enum.each(statements(sql), &repo.query!/1)
      Enum.map(job["steps"], &step(&1, job))
    after
      Supervisor.stop(pid)
    end
  end

  # The repo has the app's module name: migrations that call MyApp.Repo
  # directly (rather than repo()) run against it as they would in the app.
  defp define_repo(name) do
    module = Module.concat([name])

    unless Code.ensure_loaded?(module) do
      contents =
        quote do
          use Ecto.Repo, otp_app: :mir_fix_oracle, adapter: Ecto.Adapters.Postgres
        end

      Module.create(module, contents, Macro.Env.location(__ENV__))
    end

    module
  end

  defp repo, do: Process.get(:oracle_repo)

  # Every index statement the migrations send, from ecto_sql's query
  # telemetry: a dump cannot show whether an index was built CONCURRENTLY.
  def watch_index_statements do
    :ets.new(:oracle_index_statements, [:public, :named_table, :ordered_set])

    :telemetry.attach(
      "mir-fix-oracle-index-statements",
      [:mir_fix_oracle, :repo, :query],
      fn _event, _measurements, metadata, _config ->
        sql = metadata[:query] || ""

        if Regex.match?(~r/^\s*(CREATE|DROP)\s+(UNIQUE\s+)?INDEX\b/i, sql) do
          :ets.insert(:oracle_index_statements, {System.unique_integer([:monotonic]), sql})
        end
      end,
      nil
    )
  end

  defp take_index_statements do
    statements = :ets.tab2list(:oracle_index_statements) |> Enum.map(&elem(&1, 1))
    :ets.delete_all_objects(:oracle_index_statements)
    statements
  end

  # `mix ecto.migrate --prefix P`: the migrations (and schema_migrations) run in schema P.
  defp prefix(%{"prefix" => prefix}) when is_binary(prefix), do: [prefix: prefix]
  defp prefix(_job), do: []

  defp connection(database) do
    [
      database: database,
      hostname: System.get_env("PGHOST", "localhost"),
      port: String.to_integer(System.get_env("PGPORT", "5432")),
      username: System.get_env("PGUSER", "postgres"),
      password: System.get_env("PGPASSWORD", ""),
      log: false
    ]
  end

  defp app_migration_settings(nil, _repo), do: []

  # The migration_* settings of the repo that runs the migrations, as
  # production has them (config.exs for :prod, then runtime.exs). When the
  # repo is not named and the app has several that disagree on a setting,
  # ecto_sql's default stands for it: the repo that runs the migration may
  # well keep the default (say, the table lock).
  defp app_migration_settings(config, repo_name) do
    apps = read_config(config)
    repos = repos(apps)
    per_repo = for repo <- repos, do: {repo, migration_settings(apps, repo)}

    case {List.keyfind(per_repo, repo_name && Module.concat([repo_name]), 0), per_repo} do
      {{_, settings}, _} ->
        settings

      {nil, [{_, settings}]} ->
        settings

      {nil, []} ->
        []

      {nil, [{_, first} | rest]} ->
        Enum.filter(first, fn pair -> Enum.all?(rest, fn {_, s} -> pair in s end) end)
    end
  end

  defp repos(apps) do
    case Enum.flat_map(apps, fn {_app, entries} -> Keyword.get(entries, :ecto_repos, []) end) do
      [] ->
        for {_app, entries} <- apps,
            {key, _} <- entries,
            String.ends_with?(Atom.to_string(key), "Repo"),
            uniq: true,
            do: key

      named ->
        Enum.uniq(named)
    end
  end

  defp migration_settings(apps, repo) do
    for {_app, entries} <- apps,
        {^repo, settings} <- entries,
        Keyword.keyword?(settings),
        {key, value} <- settings,
        String.starts_with?(Atom.to_string(key), "migration_"),
        do: {key, value}
  end

  # A real app's config may need its environment (System.fetch_env!): then
  # the repo runs with ecto_sql's defaults, and the reason is printed.
  defp read_config(config) do
    runtime = Path.join(Path.dirname(config), "runtime.exs")
    base = Config.Reader.read!(config, env: :prod)

    if File.exists?(runtime),
      do: Config.Reader.merge(base, Config.Reader.read!(runtime, env: :prod)),
      else: base
  rescue
    error ->
      IO.puts(
        :stderr,
        "#{config}: not read (#{Exception.message(error) |> String.slice(0, 200)})"
      )

      []
  end

  defp statements(sql),
    do: sql |> String.split(";") |> Enum.map(&String.trim/1) |> Enum.reject(&(&1 == ""))

  defp step("up", job) do
    paths = job["paths"]

    versions =
      repo()
      |> Ecto.Migrator.migrations(paths, prefix(job))
      |> Enum.filter(fn {status, _, _} -> status == :down end)
      |> Enum.map(fn {_, version, _} -> version end)

    take_index_statements()
    initial = %{"step" => "up", "ok" => true, "migrated" => [], "seeded" => 0, "written" => 0}

    result =
      Enum.reduce_while(versions, initial, fn version, acc ->
        repo = repo()
        acc = maybe_start_writer(acc, job, version)

        case guarded(fn ->
               Ecto.Migrator.run(repo, paths, :up, [to: version, log: false] ++ prefix(job))
             end) do
          :ok ->
            seeded =
              if job["seed"] == true and version >= (job["seed_after"] || 0), do: seed(), else: 0

            {:cont,
             %{
               acc
               | "migrated" => acc["migrated"] ++ [version],
                 "seeded" => acc["seeded"] + seeded
             }}

          {:error, message} ->
            {:halt, Map.merge(acc, %{"ok" => false, "failed" => version, "error" => message})}
        end
      end)

    result |> stop_writer() |> Map.put("index_statements", take_index_statements())
  end

  # The running app keeps writing while it migrates: from the migration after
  # "after" on, a process runs the writer's INSERT as fast as it can.
  defp maybe_start_writer(acc, %{"writer" => %{"after" => after_version, "sql" => sql}}, version)
       when not is_map_key(acc, "writer_pid") do
    if version > String.to_integer(after_version) do
      repo = repo()
      Map.put(acc, "writer_pid", spawn(fn -> write_loop(repo, sql, 0) end))
    else
      acc
    end
  end

  defp maybe_start_writer(acc, _job, _version), do: acc

  defp write_loop(repo, sql, count) do
    receive do
      {:stop, from} -> send(from, {:written, count})
    after
      0 ->
        written = if match?({:ok, _}, repo.query(sql)), do: 1, else: 0
        write_loop(repo, sql, count + written)
    end
  end

  defp stop_writer(%{"writer_pid" => pid} = result) do
    send(pid, {:stop, self()})

    receive do
      {:written, count} -> result |> Map.delete("writer_pid") |> Map.put("written", count)
    after
      5_000 -> result |> Map.delete("writer_pid") |> Map.put("written", -1)
    end
  end

  defp stop_writer(result), do: result

  defp step("down", job) do
    repo = repo()

    case guarded(fn ->
           Ecto.Migrator.run(repo, job["paths"], :down, [all: true, log: false] ++ prefix(job))
         end) do
      :ok -> %{"step" => "down", "ok" => true}
      {:error, message} -> %{"step" => "down", "ok" => false, "error" => message}
    end
  end

  defp step("dump", job) do
    {dump, status} =
      System.cmd(
        "pg_dump",
        ["--schema-only", "--no-owner", "--no-privileges", "-d", job["database"]],
        stderr_to_stdout: true
      )

    %{
      "step" => "dump",
      "ok" => status == 0,
      "schema" => dump,
      "invalid_indexes" =>
        rows("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid"),
      "check_constraints" =>
        rows(
          "SELECT conrelid::regclass::text || '.' || conname FROM pg_constraint c " <>
            "JOIN pg_namespace n ON n.oid = c.connamespace " <>
            "WHERE contype = 'c' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
        ),
      "not_valid_constraints" => rows("SELECT conname FROM pg_constraint WHERE NOT convalidated"),
      "row_counts" => row_counts(),
      "expect" => for(query <- job["expect_sql"] || [], do: expectation(query))
    }
  end

  defp expectation(query) do
    case repo().query(query) do
      {:ok, %{rows: [[value]]}} -> value
      {:ok, result} -> inspect(result.rows)
      {:error, error} -> Exception.message(error)
    end
  end

  defp step(other, _job), do: %{"step" => other, "ok" => false, "error" => "unknown step"}

  defp guarded(fun) do
    task = Task.async(fn -> run_catching(fun) end)

    case Task.yield(task, @step_timeout) || Task.shutdown(task, :brutal_kill) do
      {:ok, result} ->
        result

      nil ->
        {:error,
         "did not finish in #{div(@step_timeout, 1000)} s (waiting on a lock, or a backfill chasing new rows?)"}
    end
  end

  defp run_catching(fun) do
    fun.()
    :ok
  rescue
    error -> {:error, Exception.format(:error, error, __STACKTRACE__) |> String.slice(0, 2000)}
  catch
    kind, reason ->
      {:error, Exception.format(kind, reason, __STACKTRACE__) |> String.slice(0, 2000)}
  end

  defp rows(sql), do: repo().query!(sql).rows |> Enum.map(&hd/1) |> Enum.sort()

  defp row_counts do
    for table <- user_tables(), into: %{} do
      {table, hd(hd(repo().query!("SELECT count(*) FROM #{table}").rows))}
    end
  end

  defp user_tables do
    rows(
      "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables " <>
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'schema_migrations'"
    )
  end

  # Rows the running app would have written: every column it can fill gets a
  # value of its type, so a migration meets a populated table. A column added
  # later is NULL in the rows written before it existed, as in production.
  defp seed do
    user_tables()
    |> Enum.map(fn table -> Enum.count(1..@rows_per_step, fn _ -> insert_row(table) end) end)
    |> Enum.sum()
  end

  defp insert_row(table) do
    columns =
      repo().query!(
        """
        SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typtype, a.atttypid,
               a.attnotnull, a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> ''
        FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
        WHERE a.attrelid = $1::text::regclass AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
        """,
        [table]
      ).rows

    values =
      for [name, type, typtype, type_oid, _not_null, has_default] <- columns, not has_default do
        {name, value_for(table, name, type, typtype, type_oid)}
      end

    if Enum.any?(values, fn {_, v} -> v == :skip end) do
      false
    else
      names = Enum.map_join(values, ", ", fn {name, _} -> ~s("#{name}") end)
      literals = Enum.map_join(values, ", ", fn {_, v} -> v end)

      sql =
        if values == [],
          do: "INSERT INTO #{table} DEFAULT VALUES",
          else: "INSERT INTO #{table} (#{names}) VALUES (#{literals})"

      match?({:ok, _}, repo().query(sql))
    end
  end

  defp value_for(table, column, type, typtype, type_oid) do
    case referenced(table, column) do
      {ref_table, ref_column} ->
        "(SELECT #{ref_column} FROM #{ref_table} ORDER BY random() LIMIT 1)"

      nil ->
        literal(type, typtype, type_oid)
    end
  end

  defp referenced(table, column) do
    case repo().query!(
           """
           SELECT c.confrelid::regclass::text, fa.attname
           FROM pg_constraint c
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
           JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
           WHERE c.contype = 'f' AND c.conrelid = $1::text::regclass AND a.attname = $2
           LIMIT 1
           """,
           [table, column]
         ).rows do
      [[ref_table, ref_column]] -> {ref_table, ~s("#{ref_column}")}
      [] -> nil
    end
  end

  defp literal(type, typtype, type_oid) do
    n = System.unique_integer([:positive])

    cond do
      typtype == "e" ->
        "(SELECT enumlabel::text::#{type} FROM pg_enum WHERE enumtypid = #{type_oid} ORDER BY enumsortorder LIMIT 1)"

      String.ends_with?(type, "[]") ->
        "'{}'"

      type in ~w(integer bigint smallint) or String.starts_with?(type, "numeric") ->
        "#{rem(n, 30_000)}"

      type in ["real", "double precision"] ->
        "#{n}.5"

      type == "boolean" ->
        "false"

      type == "uuid" ->
        "gen_random_uuid()"

      type in ["jsonb", "json"] ->
        "'{}'"

      type == "bytea" ->
        "'\\x00'"

      type == "citext" or type == "text" or String.starts_with?(type, "character") ->
        "'v#{rem(n, 10_000)}'"

      String.starts_with?(type, "timestamp") or type == "date" or
          String.starts_with?(type, "time") ->
        "now()"

      type == "interval" ->
        "'1 day'"

      true ->
        :skip
    end
  end
end

[jobs_path, results_path] = System.argv()
jobs = jobs_path |> File.read!() |> Jason.decode!()
MirFixOracle.Migrations.watch_index_statements()

results =
  Enum.map(jobs, fn job ->
    try do
      {micros, result} = :timer.tc(fn -> MirFixOracle.Migrations.run_job(job) end)

      if System.get_env("MIR_FIX_ORACLE_TIMING"),
        do: IO.puts(:stderr, "#{job["database"]} #{div(micros, 1000)} ms")

      result
    rescue
      error ->
        [
          %{
            "step" => "setup",
            "ok" => false,
            "error" => Exception.format(:error, error, __STACKTRACE__)
          }
        ]
    end
  end)

File.write!(results_path, Jason.encode!(results))
