# Preload oracle scenario (tests/test_oracle_preload.py): calls whose values must not change.
[
  %{name: "Feed.items/0", call: fn -> Shop.Feed.items() end},
  %{name: "Feed.cached/0", call: fn -> Shop.Feed.cached() end}
]
