# LiveView oracle scenario for this golden case (tests/test_oracle_liveview.py):
# stub contexts that count writes, and the steps run on before/ and after/.
defmodule Shop.Courses do
  alias MirFixOracle.Live.Store

  def enroll_student(course, user),
    do: Store.write(:enroll_student, fn -> {:ok, {course.id, user.id}} end)

  def create_course(attrs), do: Store.write(:create_course, fn -> {:ok, attrs} end)
end

defmodule MirFixOracle.Case do
  def scenario do
    %{
      routes: [{"/courses/elixir", ShopWeb.CourseLive, :show}],
      assigns: fn -> %{course: %{id: 3, title: "Elixir"}, current_user: %{id: 1}} end,
      mount: "/courses/elixir",
      # create_course is no write under this case's prefixes: left as it was.
      steps: [{:double, {:click, "button[phx-click=create]"}}],
      events: [
        %{
          event: "enroll",
          writes: :enroll_student,
          send: {:click, "button[phx-click=enroll]"},
          bare: {:event, :click, "enroll", %{}}
        }
      ]
    }
  end
end
