"""Source files as bytes, with what must survive a rewrite: BOM, line endings, mode."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

BOM = b"\xef\xbb\xbf"


class SourceError(Exception):
    """A file that cannot be taken as Elixir or HEEx source. The message says why."""

    def __init__(self, message: str, *, unreadable: bool = False) -> None:
        super().__init__(message)
        self.unreadable = unreadable


@dataclass(frozen=True)
class SourceFile:
    """One file's content without its BOM; offsets everywhere are into `content`."""

    path: Path
    rel: str
    content: bytes
    bom: bool = False
    newline: str = "\n"
    mode: int | None = None

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")

    def encode(self, text: str) -> bytes:
        """Bytes of generated text in this file's line endings."""
        if self.newline != "\n":
            text = text.replace("\r\n", "\n").replace("\n", self.newline)
        return text.encode("utf-8")

    def line_of(self, offset: int) -> int:
        """1-based line number of a byte offset."""
        return self.content.count(b"\n", 0, offset) + 1

    def to_disk(self, content: bytes) -> bytes:
        return BOM + content if self.bom else content


def detect_newline(content: bytes) -> str:
    crlf = content.count(b"\r\n")
    lf = content.count(b"\n") - crlf
    return "\r\n" if crlf > lf else "\n"


def decode_source(path: Path, rel: str, raw: bytes, mode: int | None = None) -> SourceFile:
    bom = raw.startswith(BOM)
    content = raw[len(BOM) :] if bom else raw
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"not valid UTF-8 (byte {exc.start}); Elixir reads source as UTF-8, "
            "so re-encode the file, then run mir-fix again"
        ) from exc
    if b"\x00" in content:
        raise SourceError("contains NUL bytes; it does not look like source text")
    return SourceFile(path, rel, content, bom, detect_newline(content), mode)


def load_source(path: Path, rel: str) -> SourceFile:
    try:
        st = os.stat(path)
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SourceError(f"cannot be read: {reason}", unreadable=True) from exc
    return decode_source(path, rel, raw, stat.S_IMODE(st.st_mode))
