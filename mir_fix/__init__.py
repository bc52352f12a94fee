"""mir-fix: codemods that remove reliability footguns from Phoenix, LiveView, Ecto and PostgreSQL code."""

__version__ = "0.1.0"
