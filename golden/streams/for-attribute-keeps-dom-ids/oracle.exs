# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Notes.Note do
  defstruct [:id, :body]
end

defmodule Shop.Notes do
  def list_notes, do: MirFixOracle.Live.Store.all(:notes)
end

defmodule MirFixOracle.Case do
  alias MirFixOracle.Live.Store
  alias Shop.Notes.Note

  def scenario do
    %{
      routes: [{"/notes", ShopWeb.NoteLive.Index, :index}],
      seed: fn -> Store.seed(:notes, for(id <- 1..3, do: %Note{id: id, body: "Note #{id}"})) end,
      mount: "/notes",
      list: "ul.notes li"
    }
  end
end
