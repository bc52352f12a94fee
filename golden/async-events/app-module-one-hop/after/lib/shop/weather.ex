defmodule Shop.Weather do
  def current(city) do
    %{body: body} = Req.get!("https://weather.example.com/current", params: [city: city])
    body["summary"]
  end
end
