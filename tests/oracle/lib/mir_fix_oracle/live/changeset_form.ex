# The LiveView oracle (tests/oracle/live) mounts golden LiveViews that call
# `to_form(changeset)`, as Phoenix apps do. That needs phoenix_ecto's
# `Phoenix.HTML.FormData` implementation for `Ecto.Changeset`; phoenix_ecto is
# not among this project's deps, and protocols are consolidated at compile time,
# so the implementation has to be compiled here, not in a run-time script.
#
# This is the part of phoenix_ecto 4.6's `PhoenixEcto.HTML` (MIT) that
# top-level forms use: the form's name from the data's struct, its params, its
# errors once an action is set, and input values from changes, then params, then
# data. Nested `inputs_for` is not supported (no golden uses it). When
# phoenix_ecto is a dependency, its own implementation is used instead.
unless Code.ensure_loaded?(Phoenix.HTML.FormData.Ecto.Changeset) do
  defimpl Phoenix.HTML.FormData, for: Ecto.Changeset do
    def to_form(changeset, opts) do
      {action, opts} = Keyword.pop_lazy(opts, :action, fn -> changeset.action end)
      changeset = Map.put(changeset, :action, action)
      %{params: params, data: data} = changeset
      {name, opts} = Keyword.pop(opts, :as)
      name = to_string(name || form_for_name(data))
      id = Keyword.get(opts, :id) || name

      %Phoenix.HTML.Form{
        source: changeset,
        impl: __MODULE__,
        id: id,
        action: action,
        name: name,
        errors: if(action in [nil, :ignore], do: [], else: changeset.errors),
        data: data,
        params: params || %{},
        hidden: [],
        options: Keyword.put_new(opts, :method, "post")
      }
    end

    def to_form(_source, _form, field, _opts) do
      raise ArgumentError,
            "the oracle's changeset forms do not support inputs_for (#{inspect(field)})"
    end

    def input_value(%{changes: changes, data: data}, %{params: params}, field)
        when is_atom(field) do
      case changes do
        %{^field => value} ->
          value

        %{} ->
          string = Atom.to_string(field)

          case params do
            %{^string => value} -> value
            %{} -> Map.get(data, field)
          end
      end
    end

    def input_type(%{types: types}, _form, field) do
      case Map.get(types, field, :string) do
        :integer -> :number_input
        :boolean -> :checkbox
        _ -> :text_input
      end
    end

    def input_validations(%{required: required}, _form, field), do: [required: field in required]

    defp form_for_name(%{__struct__: module}) do
      module |> Module.split() |> List.last() |> Macro.underscore()
    end
  end
end
