# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule MirFixOracle.Case do
  def scenario do
    %{
      skip:
        "not a LiveView: Shop.CheckoutMachine is a gen_statem callback module without init/1, " <>
          "so it cannot be started or mounted; its file is compiled on both sides"
    }
  end
end
