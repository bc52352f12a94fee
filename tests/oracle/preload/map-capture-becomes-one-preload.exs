# Preload oracle scenario (tests/test_oracle_preload.py): calls whose values must not change.
[
  %{name: "Blog.list_posts_with_authors/0", call: fn -> Shop.Blog.list_posts_with_authors() end},
  %{name: "Blog.recent_posts/1", call: fn -> Shop.Blog.recent_posts(4) end}
]
