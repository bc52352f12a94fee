# Preload oracle scenario (tests/test_oracle_preload.py): calls whose values must not change.
[
  %{name: "Blog.posts/0", call: fn -> Shop.Blog.posts() end},
  %{name: "Blog.posts_with_recent_comments/0", call: fn -> Shop.Blog.posts_with_recent_comments() end}
]
