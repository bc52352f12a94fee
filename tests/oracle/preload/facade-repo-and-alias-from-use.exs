# Preload oracle scenario (tests/test_oracle_preload.py): calls whose values must not change.
[
  %{name: "Blog.posts_with_authors/0", call: fn -> Shop.Blog.posts_with_authors() end}
]
