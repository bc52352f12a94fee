# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# a stub HTTP client whose calls take a while (MirFixOracle.Live.Slow), and the steps.

defmodule HTTPoison do
  alias MirFixOracle.Live.Slow

  def get(url), do: Slow.call(fn -> {:ok, %{status_code: 200, body: "cloudy at " <> url}} end)
  def post(url, body), do: Slow.call(fn -> {:ok, %{status_code: 201, body: body, url: url}} end)
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
