# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Notes.Note do
  defstruct [:id, :body]
end

defmodule Shop.Notes do
  alias MirFixOracle.Live.Store
  alias Shop.Notes.Note

  def change_note(%Note{} = note, params \\ %{}),
    do: Ecto.Changeset.cast({note, %{body: :string}}, params, [:body])

  def create_note(params) do
    Store.write(:create_note, fn ->
      {:ok, Store.insert(:notes, %Note{id: Store.next_id(:notes), body: params["body"]})}
    end)
  end
end

defmodule MirFixOracle.Case do
  def scenario do
    note = %{"note" => %{"body" => "Buy milk"}}

    %{
      routes: [{"/notes/new", ShopWeb.NoteLive.New, :new}],
      mount: "/notes/new",
      events: [
        %{
          event: "save",
          writes: :create_note,
          send: {:submit, "form", note},
          bare: {:event, :submit, "save", note},
          double_before: 1,
          why:
            "save ends in push_navigate: LiveView stops the page's process after the first submit, " <>
              "so the second submit of a double click never runs, with or without a token"
        }
      ]
    }
  end
end
