defmodule ShopWeb.DonateHTML do
  use Phoenix.Component

  embed_templates("donate_html/*")
end
