# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# mir-fix changes nothing here; the sides must compile.

defmodule Req do
  alias MirFixOracle.Live.Slow

  def get!(url, opts \\ []), do: Slow.call(fn -> response(url, opts) end)
  def get(url, opts \\ []), do: Slow.call(fn -> {:ok, response(url, opts)} end)

  defp response(url, opts) do
    city = get_in(opts, [:params, :city]) || url |> String.split("/") |> List.last()
    %{status: 200, body: %{"summary" => "sunny in " <> city, "forecast" => "rain in " <> city}}
  end
end

defmodule HTTPoison do
  alias MirFixOracle.Live.Slow

  def get(url), do: Slow.call(fn -> {:ok, %{status_code: 200, body: "cloudy at " <> url}} end)
  def post(url, body), do: Slow.call(fn -> {:ok, %{status_code: 201, body: body, url: url}} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/weather", ShopWeb.WeatherLive, :index}],
      skip: "mir-fix leaves this case as it is (blocked, a finding, or nothing to do): both sides compile, nothing to compare"
    }
  end
end
