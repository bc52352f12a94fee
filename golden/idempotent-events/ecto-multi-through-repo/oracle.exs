# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Ledger do
  alias MirFixOracle.Live.Store

  def debit(_repo, amount), do: Store.write(:debit, fn -> {:ok, amount} end)
  def credit(_repo, amount), do: Store.write(:credit, fn -> {:ok, amount} end)
end

defmodule Shop.Repo do
  # Runs the Multi's steps in order, as a repo's transaction does.
  def transaction(%Ecto.Multi{} = multi) do
    MirFixOracle.Live.Store.write(:transaction, fn ->
      Enum.reduce_while(Ecto.Multi.to_list(multi), {:ok, %{}}, fn {name, {:run, run}},
                                                                  {:ok, changes} ->
        case run.(__MODULE__, changes) do
          {:ok, value} -> {:cont, {:ok, Map.put(changes, name, value)}}
          {:error, value} -> {:halt, {:error, name, value, changes}}
        end
      end)
    end)
  end
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/transfer", ShopWeb.TransferLive, :index}],
      mount: "/transfer",
      steps: [{:double, {:submit, "form", %{"amount" => "10"}}}]
    }
  end
end
