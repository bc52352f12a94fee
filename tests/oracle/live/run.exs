# The LiveView oracle: mounts golden LiveViews with Phoenix.LiveViewTest and
# records what a user would see and what the stub contexts were asked to write.
#
#   MIX_ENV=test mix run --no-compile --no-start live/run.exs SIDE OUT.json CASE_DIR...
#
# SIDE is the folder of each case to run (before or after). For each CASE_DIR
# the run compiles CASE_DIR/oracle.exs (stub contexts and the scenario, see
# tests/test_oracle_liveview.py), then every .ex file of CASE_DIR/SIDE, mounts
# the scenario's route, runs its steps, and writes one trace per case to
# OUT.json. Each case's modules are purged before the next case compiles.
#
# oracle.exs defines the stub context modules the case's LiveViews call (their
# writes go through MirFixOracle.Live.Store.write/2, which counts them), then
# `MirFixOracle.Case.scenario/0`, a map:
#
#   routes:   [{path, live_module, action}]: the live routes of ShopWeb.Router
#   mount:    the path to mount; or
#   component: {module, fn -> attrs end}: a LiveComponent, mounted by
#             MirFixOracle.HostLive with the attributes a parent would pass
#   assigns:  fn -> map end: what the app's on_mount hooks would assign
#             (current_user and the like), assigned before mount/3
#   seed:     fn -> ... end: fills the store before the first render
#   list:     CSS selector of the list's items (streams): each item's DOM id,
#             text and markup are recorded after every step
#   steps:    plain steps, in order: {:click, selector} | {:click, selector, value}
#             | {:submit, selector, value} | {:change, selector, value}
#             | {:hook, event, value} | {:patch, path} | {:info, message or fn}
#             | {:event, :click | :submit, event, value[, target selector]}
#             (sent without the page: no token) | {:double, step}
#   events:   guarded writes, checked after the steps:
#             %{event:, writes: counter, send: step from the page, bare: step
#             without the page, double_before: writes of a double submit on the
#             original (default 2), why: the reason when it is not 2}
#   async:    slow events (async-events), checked last: %{event:, send: step
#             from the page whose handler makes a MirFixOracle.Live.Slow call,
#             ping: a step sent while that call runs (optional), fails: true to
#             send it once more with the call failing, flash: text the page
#             must show then (nil: the LiveView must only live on)}
#   core_components: :generated, why: use Phoenix 1.7.14's generated core
#             components instead of the case's own
#   skip:     reason: compile only, do not mount
#   expect:   {:compile_error, why}: both sides must fail to compile

[side, out | case_dirs] = System.argv()
Code.require_file("support.exs", __DIR__)

defmodule MirFixOracle.Live.Runner do
  import Phoenix.ConnTest
  import Phoenix.LiveViewTest
  alias MirFixOracle.Live.Store

  @endpoint ShopWeb.Endpoint
  @host_path "/oracle/host"
  @results MirFixOracle.Live.Results

  ## The run

  def start(defaults) do
    Store.start()
    :ets.new(@results, [:named_table, :public, :ordered_set])
    :persistent_term.put({__MODULE__, :defaults}, defaults)
  end

  def results do
    for {_index, dir, trace} <- :ets.tab2list(@results), into: %{}, do: {dir, trace}
  end

  defp record(trace), do: :ets.insert(@results, {trace.index, trace.case, trace})

  ## One case

  def run_case(index, dir, side) do
    purge_case_modules()
    Store.reset()

    trace = %{
      index: index,
      case: dir,
      side: side,
      status: "running",
      reason: nil,
      steps: [],
      seconds: nil
    }

    record(trace)
    started = System.monotonic_time(:millisecond)

    trace =
      try do
        compile_and_run(trace, dir, side)
      rescue
        error ->
          %{
            trace_now(trace)
            | status: "crash",
              reason: Exception.format(:error, error, __STACKTRACE__)
          }
      catch
        kind, reason ->
          %{
            trace_now(trace)
            | status: "crash",
              reason: Exception.format(kind, reason, __STACKTRACE__)
          }
      end

    record(%{trace | seconds: (System.monotonic_time(:millisecond) - started) / 1000})
  end

  defp trace_now(trace), do: elem(hd(:ets.lookup(@results, trace.index)), 2)

  defp compile_and_run(trace, dir, side) do
    defaults = :persistent_term.get({__MODULE__, :defaults})
    oracle = Path.join(dir, "oracle.exs")

    unless File.regular?(oracle),
      do: raise("#{oracle} is missing: every golden LiveView case needs its oracle scenario")

    unless File.read!(oracle) =~ ~r/defmodule ShopWeb\.OracleComponents\b/ do
      load_default(defaults, ShopWeb.OracleComponents)
    end

    Code.compile_file(oracle)
    scenario = apply(MirFixOracle.Case, :scenario, [])
    files = Path.wildcard(Path.join([dir, side, "**", "*.ex"])) |> Enum.sort()

    {files, trace} =
      case scenario[:core_components] do
        :generated ->
          # The case's own core components are replaced by the generated ones.
          {Enum.reject(files, &defines_core_components?/1),
           %{trace | reason: Map.fetch!(scenario, :why)}}

        nil ->
          {files, trace}
      end

    unless Enum.any?(files, &defines_core_components?/1),
      do: load_default(defaults, ShopWeb.CoreComponents)

    cond do
      reason = scenario[:skip] ->
        # Still compiled: the case's files must compile on both sides.
        compiled(trace, files, scenario, fn trace ->
          %{trace | status: "skipped", reason: reason}
        end)

      true ->
        compiled(trace, files, scenario, &run_scenario(&1, scenario))
    end
  end

  defp compiled(trace, files, scenario, then) do
    compile_router(Map.get(scenario, :routes, []))

    case Kernel.ParallelCompiler.compile(files) do
      {:ok, _modules, _warnings} ->
        case scenario[:expect] do
          {:compile_error, why} -> %{trace | status: "unexpectedly_compiled", reason: why}
          nil -> then.(%{trace | status: "compiled"})
        end

      {:error, errors, _warnings} ->
        messages =
          for {file, line, message} <- errors,
              do: "#{Path.relative_to(file, File.cwd!())}:#{inspect(line)}: #{message}"

        case scenario[:expect] do
          {:compile_error, why} ->
            %{
              trace
              | status: "expected_compile_error",
                reason: why,
                steps: [%{kind: "compile", results: messages}]
            }

          nil ->
            %{trace | status: "compile_error", reason: Enum.join(messages, "\n")}
        end
    end
  end

  defp defines_core_components?(file),
    do: File.read!(file) =~ ~r/defmodule ShopWeb\.CoreComponents\b/

  defp load_default(defaults, module) do
    {:module, ^module} =
      :code.load_binary(module, ~c"oracle-default", Map.fetch!(defaults, module))
  end

  defp compile_router(routes) do
    lines =
      for {path, module, action} <- routes ++ [{@host_path, MirFixOracle.HostLive, :index}] do
        "live #{inspect(path)}, #{inspect(module)}, #{inspect(action)}"
      end

    Code.compile_string("""
    defmodule ShopWeb.Router do
      use ShopWeb, :router

      pipeline :browser do
        plug :accepts, ["html"]
        plug :fetch_session
        plug :fetch_live_flash
        plug :put_secure_browser_headers
      end

      scope "/" do
        pipe_through :browser

        live_session :oracle, on_mount: MirFixOracle.Live.Hooks do
          #{Enum.join(lines, "\n      ")}
        end
      end
    end
    """)
  end

  # Every module compiled since the run's support was loaded: the previous
  # case's stubs, LiveViews, router and defaults. Modules loaded from .beam
  # files (the deps) stay.
  defp purge_case_modules do
    base =
      case :persistent_term.get({__MODULE__, :base}, nil) do
        nil ->
          base = MapSet.new(in_memory_modules())
          :persistent_term.put({__MODULE__, :base}, base)
          base

        base ->
          base
      end

    for module <- in_memory_modules(), module not in base do
      :code.purge(module)
      :code.delete(module)
      :code.purge(module)
    end
  end

  defp in_memory_modules do
    for {module, which} <- :code.all_loaded(), which in [[], ~c"oracle-default"], do: module
  end

  ## The scenario

  defp run_scenario(trace, scenario) do
    if seed = scenario[:seed], do: seed.()
    Store.put(:on_mount_assigns, Map.get(scenario, :assigns, fn -> %{} end))

    path =
      case scenario do
        %{component: {module, attrs}} ->
          Store.put(:component, {module, attrs})
          @host_path

        %{mount: path} ->
          path
      end

    state = %{trace: trace, path: path, view: nil, list: scenario[:list]}

    # The first render, as a browser without a socket gets it.
    html = build_conn() |> get(path) |> html_response(200)
    state = put_step(state, %{kind: "dead", label: "GET #{path}", results: ["ok"]}, html)

    {:ok, view, _html} = live(build_conn(), path)

    state =
      put_step(
        %{state | view: view},
        %{kind: "mount", label: "live #{path}", results: ["ok"]},
        render(view)
      )

    state = Enum.reduce(Map.get(scenario, :steps, []), state, &plain_step/2)

    events = Map.get(scenario, :events, [])
    state = Enum.reduce(events, state, &guarded_event/2)

    state =
      Enum.reduce(for(a <- events, b <- events, a.event != b.event, do: {a, b}), state, fn {a, b},
                                                                                           state ->
        info = %{
          kind: "pair",
          label: "#{a.event} then #{b.event}, both sent from one render",
          events: [a.event, b.event],
          counters: [a.writes, b.writes]
        }

        run_step(state, info, &together(&1, [a.send, b.send]))
      end)

    state = Enum.reduce(Map.get(scenario, :async, []), state, &async_event/2)

    %{state.trace | status: "ok"}
  end

  # The checks for one slow event (async-events): the event is sent, then the
  # ping while the slow call runs, then the test waits for the LiveView's
  # async tasks (render_async) and records the page the result gave. With
  # `fails`, the event is sent once more with the call raising: the original
  # LiveView crashes with it (exits are trapped for that step), the rewritten
  # one must live on and show the flash.
  defp async_event(%{event: event, send: send} = spec, state) do
    info = %{event: event, counter: :slow_done}

    state =
      run_step(
        state,
        Map.merge(info, %{kind: "async_send", label: "#{event}: #{label(send)}"}),
        &[perform(&1, send)]
      )

    state =
      case spec[:ping] do
        nil ->
          state

        ping ->
          run_step(
            state,
            Map.merge(info, %{kind: "async_ping", label: "#{label(ping)} while #{event}'s call runs"}),
            &[perform(&1, ping)]
          )
      end

    state =
      run_step(
        state,
        Map.merge(info, %{kind: "async_result", label: "#{event}'s result arrives"}),
        &[await_async(&1)]
      )

    if spec[:fails] do
      MirFixOracle.Live.Slow.fail!()
      trapping = Process.flag(:trap_exit, true)

      state =
        run_step(
          state,
          Map.merge(info, %{
            kind: "async_exit",
            label: "#{event} when its call fails",
            flash: spec[:flash]
          }),
          &[perform(&1, send), await_async(&1)]
        )

      Process.flag(:trap_exit, trapping)
      flush_exits()
      state
    else
      state
    end
  end

  defp await_async(view), do: capture(fn -> render_async(view, 10_000) end)

  defp flush_exits do
    receive do
      {:EXIT, _pid, _reason} -> flush_exits()
    after
      0 -> :ok
    end
  end

  defp plain_step({:double, send}, state) do
    run_step(
      state,
      %{kind: "step", label: "twice from one render: #{label(send)}"},
      &together(&1, [send, send])
    )
  end

  defp plain_step(send, state) do
    run_step(state, %{kind: "step", label: label(send)}, &[perform(&1, send)])
  end

  # The idempotency checks for one guarded event: a double submit (the same
  # render sends it twice), the next submit from the re-rendered page, and the
  # event without a token (sent by code that renders none).
  defp guarded_event(%{event: event, send: send, bare: bare, writes: counter} = spec, state) do
    info = %{event: event, counter: counter}

    double =
      Map.merge(info, %{
        kind: "double",
        label: "#{event} twice from one render",
        before_double: Map.get(spec, :double_before, 2),
        why: spec[:why]
      })

    state
    |> run_step(double, &together(&1, [send, send]))
    |> run_step(
      Map.merge(info, %{kind: "genuine", label: "#{event} from the re-rendered page"}),
      &[perform(&1, send)]
    )
    |> run_step(
      Map.merge(info, %{kind: "bare", label: "#{event} without a token: #{label(bare)}"}),
      &[perform(&1, bare)]
    )
  end

  defp run_step(state, info, fun) do
    {state, remounted} = ensure_view(state)
    results = fun.(state.view)
    # A redirect ends the LiveView: the next step mounts the page again.
    alive? = Enum.all?(results, &(&1 == "ok"))
    state = if alive?, do: state, else: %{state | view: nil}
    html = if alive?, do: render(state.view)
    put_step(state, Map.merge(info, %{results: results, remounted: remounted}), html)
  end

  defp ensure_view(%{view: nil} = state) do
    {:ok, view, _html} = live(build_conn(), state.path)
    {%{state | view: view}, true}
  end

  defp ensure_view(state), do: {state, false}

  defp put_step(state, step, html) do
    step = Map.merge(step, %{writes: Store.writes()}) |> Map.merge(observe(html, state.list))
    state = put_in(state.trace.steps, state.trace.steps ++ [step])
    record(state.trace)
    state
  end

  ## Sending events

  # Both sends leave from the same rendered page before LiveView answers the
  # first, as a double click does: the test client is suspended while both
  # requests queue, so it builds both from the page it has.
  defp together(view, sends) do
    {_ref, _topic, proxy} = view.proxy
    :ok = :sys.suspend(proxy)

    tasks =
      for send <- sends do
        task = Task.async(fn -> capture(fn -> perform_raw(view, send) end) end)
        # In order: the next send queues behind this one.
        wait_for_call(proxy, task.pid)
        task
      end

    :ok = :sys.resume(proxy)
    Enum.map(tasks, &Task.await(&1, 30_000))
  end

  # Until the caller's request waits in the test client's queue, or the caller
  # is done (it failed before sending one).
  defp wait_for_call(proxy, caller) do
    {:messages, messages} = Process.info(proxy, :messages)

    unless Enum.any?(messages, &match?({:"$gen_call", {^caller, _}, _}, &1)) or
             not Process.alive?(caller) do
      Process.sleep(1)
      wait_for_call(proxy, caller)
    end
  end

  defp perform(view, send), do: capture(fn -> perform_raw(view, send) end)

  defp capture(fun) do
    case fun.() do
      html when is_binary(html) -> "ok"
      {:error, {:live_redirect, %{to: to}}} -> "live_redirect #{to}"
      {:error, {:redirect, %{to: to}}} -> "redirect #{to}"
      other -> "error: unexpected #{inspect(other)}"
    end
  rescue
    error -> "error: " <> Exception.message(error)
  catch
    kind, reason -> "error: " <> Exception.format_banner(kind, reason)
  end

  defp perform_raw(view, {:click, selector}), do: view |> element(selector) |> render_click()

  defp perform_raw(view, {:click, selector, value}),
    do: view |> element(selector) |> render_click(value)

  defp perform_raw(view, {:submit, selector, value}),
    do: view |> element(selector) |> render_submit(value)

  defp perform_raw(view, {:change, selector, value}),
    do: view |> element(selector) |> render_change(value)

  defp perform_raw(view, {:hook, event, value}), do: render_hook(view, event, value)
  defp perform_raw(view, {:patch, path}), do: render_patch(view, path)

  defp perform_raw(view, {:event, type, event, value}),
    do: perform_raw(view, {:event, type, event, value, nil})

  defp perform_raw(view, {:event, type, event, value, target}) do
    view = if target, do: with_target(view, target), else: view

    case type do
      :click -> render_click(view, event, value)
      :submit -> render_submit(view, event, value)
    end
  end

  defp perform_raw(view, {:info, message}) do
    send(view.pid, if(is_function(message, 0), do: message.(), else: message))
    render(view)
  end

  defp label({:info, message}) when is_function(message, 0), do: "handle_info"
  defp label({:info, message}), do: "handle_info #{inspect(message)}"

  defp label({:event, type, event, value, target}),
    do: "#{type} #{inspect(event)} #{inspect(value)} to #{target}"

  defp label(send),
    do:
      send |> Tuple.to_list() |> Enum.map_join(" ", &if(is_binary(&1), do: &1, else: inspect(&1)))

  ## What a user sees

  defp observe(nil, _list), do: %{page: nil, items: nil}

  defp observe(html, list) do
    tree = Floki.parse_document!(html)
    body = Floki.find(tree, "[data-phx-main]")
    body = if body == [], do: tree, else: body
    items = if list, do: for(item <- Floki.find(body, list), do: item_view(item))
    %{page: text(body), items: items}
  end

  defp item_view({_tag, attrs, _children} = item) do
    id = Enum.find_value(attrs, fn {name, value} -> if name == "id", do: value end)
    markup = item |> Floki.traverse_and_update(&strip_ids_and_phx/1) |> Floki.raw_html()
    %{id: id, text: text(item), html: markup}
  end

  # An item's markup, apart from the DOM id the stream or the template gives
  # its root and LiveView's own data-phx-* bookkeeping.
  defp strip_ids_and_phx({tag, attrs, children}) do
    {tag,
     Enum.reject(attrs, fn {name, _} -> name == "id" or String.starts_with?(name, "data-phx-") end),
     children}
  end

  defp strip_ids_and_phx(other), do: other

  defp text(tree), do: tree |> Floki.text(sep: " ") |> String.split() |> Enum.join(" ")
end

defaults = MirFixOracle.Live.Defaults.compile()

for module <- Map.keys(defaults) do
  :code.purge(module)
  :code.delete(module)
end

MirFixOracle.Live.Runner.start(defaults)
Application.put_env(:mir_fix_oracle, :oracle_cases, Enum.with_index(case_dirs))
Application.put_env(:mir_fix_oracle, :oracle_side, side)

ExUnit.start(
  autorun: false,
  seed: 0,
  timeout: 120_000,
  max_cases: 1,
  formatters: [ExUnit.CLIFormatter]
)

defmodule MirFixOracle.Live.RunTest do
  # One test per case: LiveViewTest needs a test process, and its supervisor
  # stops the case's LiveViews when the test ends.
  use ExUnit.Case

  for {dir, index} <- Application.compile_env!(:mir_fix_oracle, :oracle_cases) do
    @tag dir: dir, index: index
    test "#{index} #{dir}", %{dir: dir, index: index} do
      MirFixOracle.Live.Runner.run_case(
        index,
        dir,
        Application.fetch_env!(:mir_fix_oracle, :oracle_side)
      )
    end
  end
end

ExUnit.run()
File.write!(out, Jason.encode!(MirFixOracle.Live.Runner.results(), pretty: true))
