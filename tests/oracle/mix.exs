defmodule MirFixOracle.MixProject do
  # The runtime oracle: real ecto_sql/postgrex run mir-fix's migrations on
  # PostgreSQL, and real Phoenix.LiveViewTest mounts its rewritten LiveViews.
  use Mix.Project

  def project do
    [
      app: :mir_fix_oracle,
      version: "0.1.0",
      elixir: "~> 1.14",
      start_permanent: false,
      deps: deps()
    ]
  end

  def application do
    [extra_applications: [:logger]]
  end

  @packages ~w(ecto_sql ecto postgrex db_connection decimal telemetry jason
               phoenix phoenix_live_view phoenix_html phoenix_template phoenix_pubsub
               plug plug_crypto mime websock websock_adapter floki castore)a

  # Without Hex (CI, and machines that cannot reach it): the release sources in
  # MIR_FIX_HEXDEPS. Elsewhere: ordinary Hex requirements of the same releases.
  defp deps do
    case System.get_env("MIR_FIX_HEXDEPS") do
      dir when is_binary(dir) and dir != "" ->
        for name <- @packages, do: {name, path: Path.join(dir, Atom.to_string(name)), override: true}

      _ ->
        [
          {:ecto_sql, "~> 3.12"},
          {:postgrex, "~> 0.19"},
          {:phoenix, "~> 1.7.14"},
          {:phoenix_live_view, "~> 0.20.17"},
          {:floki, "~> 0.36"},
          {:jason, "~> 1.4"}
        ]
    end
  end
end
