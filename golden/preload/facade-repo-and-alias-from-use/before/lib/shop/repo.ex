defmodule Shop.Repo do
  alias Shop.RepoBase

  defdelegate all(queryable, opts \\ []), to: RepoBase
  defdelegate preload(structs, preloads, opts \\ []), to: RepoBase
end
