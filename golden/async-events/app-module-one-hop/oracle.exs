# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# a stub HTTP client whose calls take a while (MirFixOracle.Live.Slow), and the steps.

defmodule Req do
  alias MirFixOracle.Live.Slow

  def get!(url, opts \\ []), do: Slow.call(fn -> response(url, opts) end)
  def get(url, opts \\ []), do: Slow.call(fn -> {:ok, response(url, opts)} end)

  defp response(url, opts) do
    city = get_in(opts, [:params, :city]) || url |> String.split("/") |> List.last()
    %{status: 200, body: %{"summary" => "sunny in " <> city, "forecast" => "rain in " <> city}}
  end
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/weather", ShopWeb.WeatherLive, :index}],
      mount: "/weather",
      async: [
        %{
          event: "fetch",
          send: {:submit, "#weather", %{"city" => "Lyon"}},
          ping: {:click, "#ping"},
          fails: true,
          flash: "Something went wrong. Please try again."
        }
      ]
    }
  end
end
