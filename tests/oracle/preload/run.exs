# The preload oracle: runs the code of golden preload cases on PostgreSQL with
# real ecto/ecto_sql, before and after mir-fix, and records what each call
# returns and how many queries it sent (Ecto's query telemetry).
#
#   MIX_ENV=test mix run --no-compile --no-start preload/run.exs JOBS.json OUT.json
#
# A job: %{"database", "tree", "scenario"}. For each job the run creates the
# database and the tables of the golden app (users, posts, comments), seeds
# rows (a post without author, posts without comments), compiles every .ex file
# of "tree" (a LiveView's `use ShopWeb, :live_view` is Phoenix.LiveView),
# starts its Ecto repo (Shop.Repo, or the repo behind a facade) and evaluates
# "scenario": a list of
#
#   %{name: "...", call: fn -> value end}                 the value must not change
#   %{name: "...", call: fn -> value end, loads: [:author]} the value gains these
#                                                           loaded associations
#
# Each call's value is normalized (structs as maps without __meta__, an
# unloaded association as :not_loaded, has_many rows sorted by id: their order
# among one parent's rows is the database's) and written as inspect/2 text,
# with the SELECTs it sent. The case's modules are purged before the next job.

[jobs_file, out] = System.argv()
Logger.configure(level: :warning)
{:ok, _} = Application.ensure_all_started(:postgrex)
{:ok, _} = Application.ensure_all_started(:ecto_sql)

defmodule ShopWeb do
  @moduledoc false
  defmacro __using__(:live_view) do
    quote do
      use Phoenix.LiveView
    end
  end
end

defmodule MirFixOracle.Preload do
  @moduledoc false

  @tables [
    "CREATE TABLE users (id bigserial PRIMARY KEY, name text)",
    """
    CREATE TABLE posts (id bigserial PRIMARY KEY, title text, author_id bigint REFERENCES users,
      inserted_at timestamp(0) NOT NULL, updated_at timestamp(0) NOT NULL)
    """,
    "CREATE TABLE comments (id bigserial PRIMARY KEY, body text, post_id bigint REFERENCES posts)",
    "INSERT INTO users (name) VALUES ('ada'), ('grace'), ('linus')",
    """
    INSERT INTO posts (title, author_id, inserted_at, updated_at) VALUES
      ('one', 1, '2024-01-01', '2024-01-01'), ('two', 2, '2024-01-02', '2024-01-02'),
      ('three', 1, '2024-01-03', '2024-01-03'), ('orphan', NULL, '2024-01-04', '2024-01-04'),
      (NULL, 3, '2024-01-05', '2024-01-05'), ('six', 2, '2024-01-06', '2024-01-06')
    """,
    """
    INSERT INTO comments (body, post_id) VALUES
      ('a', 1), ('b', 1), ('c', 2), ('d', 3), ('e', 5), ('f', 1), ('g', 6)
    """
  ]

  def run(job) do
    opts = [
      database: job["database"],
      hostname: System.get_env("PGHOST", "localhost"),
      port: String.to_integer(System.get_env("PGPORT", "5432")),
      username: System.get_env("PGUSER", "postgres"),
      password: System.get_env("PGPASSWORD", ""),
      log: false
    ]

    Ecto.Adapters.Postgres.storage_down(opts)
    :ok = Ecto.Adapters.Postgres.storage_up(opts)
    modules = compile(job["tree"])
    # The case's Ecto repo (Shop.Repo, or the repo behind a facade), its queries under one telemetry prefix.
    repo = Enum.find(modules, &function_exported?(&1, :__adapter__, 0))
    settings = Keyword.merge(opts, pool_size: 2, telemetry_prefix: [:shop, :repo])
    Application.put_env(:shop, repo, settings)
    {:ok, pid} = repo.start_link()

    try do
      Enum.each(@tables, &Ecto.Adapters.SQL.query!(repo, &1))
      {scenario, _} = Code.eval_file(job["scenario"])
      Enum.map(scenario, &call/1)
    rescue
      error -> [%{"name" => "(setup)", "error" => Exception.format(:error, error, __STACKTRACE__)}]
    after
      Supervisor.stop(pid)
      purge(modules)
    end
  end

  defp compile(tree) do
    files = Path.wildcard(Path.join(tree, "lib/**/*.ex"))
    {:ok, modules, _warnings} = Kernel.ParallelCompiler.compile(files)
    modules
  end

  defp purge(modules) do
    for module <- modules do
      :code.purge(module)
      :code.delete(module)
    end
  end

  defp call(%{name: name, call: fun} = entry) do
    :ets.delete_all_objects(:mir_fix_preload_queries)

    result =
      try do
        {:ok, fun.()}
      rescue
        error -> {:error, Exception.format(:error, error, __STACKTRACE__)}
      end

    selects = :ets.tab2list(:mir_fix_preload_queries) |> Enum.map(&elem(&1, 1))

    case result do
      {:ok, value} ->
        %{
          "name" => name,
          "value" => show(normalize(value)),
          "unloaded" => show(normalize(unload(value, Map.get(entry, :loads, [])))),
          "queries" => length(selects),
          "sql" => selects
        }

      {:error, message} ->
        %{"name" => name, "error" => message, "queries" => length(selects), "sql" => selects}
    end
  end

  # The value as it was before mir-fix loaded `assocs` into it.
  defp unload(value, []), do: value
  defp unload(list, assocs) when is_list(list), do: Enum.map(list, &unload(&1, assocs))

  defp unload(%{__struct__: _} = struct, assocs) do
    Enum.reduce(assocs, struct, fn assoc, acc ->
      Map.put(acc, assoc, Map.fetch!(struct.__struct__.__struct__(), assoc))
    end)
  end

  defp unload(other, _assocs), do: other

  defp normalize(%Ecto.Association.NotLoaded{}), do: :not_loaded

  defp normalize(%{__struct__: kind} = value) when kind in [NaiveDateTime, DateTime, Date, Time, Decimal],
    do: value

  defp normalize(%Phoenix.LiveView.Socket{assigns: assigns}), do: normalize(Map.delete(assigns, :__changed__))

  defp normalize(%{__struct__: kind} = struct) do
    fields =
      struct
      |> Map.from_struct()
      |> Map.delete(:__meta__)
      |> Map.new(fn
        {key, list} when is_list(list) -> {key, list |> Enum.map(&normalize/1) |> Enum.sort_by(&id_of/1)}
        {key, value} -> {key, normalize(value)}
      end)

    {inspect(kind), fields}
  end

  defp normalize(map) when is_map(map), do: Map.new(map, fn {k, v} -> {k, normalize(v)} end)
  defp normalize(list) when is_list(list), do: Enum.map(list, &normalize/1)
  defp normalize({:ok, value}), do: {:ok, normalize(value)}
  defp normalize(other), do: other

  defp id_of({_kind, %{id: id}}), do: id
  defp id_of(other), do: other

  defp show(term), do: inspect(term, limit: :infinity, printable_limit: :infinity, structs: false)

  def watch do
    :ets.new(:mir_fix_preload_queries, [:public, :named_table, :ordered_set])

    :telemetry.attach(
      "mir-fix-oracle-preload-queries",
      [:shop, :repo, :query],
      fn _event, _measurements, metadata, _config ->
        sql = metadata[:query] || ""

        if String.starts_with?(String.trim_leading(sql), "SELECT") do
          :ets.insert(:mir_fix_preload_queries, {System.unique_integer([:monotonic]), sql})
        end
      end,
      nil
    )
  end
end

MirFixOracle.Preload.watch()
jobs = jobs_file |> File.read!() |> Jason.decode!()
results = Enum.map(jobs, &MirFixOracle.Preload.run/1)
File.write!(out, Jason.encode!(results))
