"""A corpus file as numbered text lines, read a line at a time so a file of any size streams.

Every problem is a ``CorpusError`` naming the file and line: bytes that are not UTF-8, a NUL byte
(a binary file), a file with nothing in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import CorpusError


def size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as exc:
        raise CorpusError(path, None, f"cannot read: {exc.strerror or exc}") from None


def numbered_lines(path: Path, position: list[int] | None = None) -> Iterator[tuple[int, str]]:
    """(line number, text with its line ending) of every line. ``position[0]`` follows the bytes
    read, for a progress bar over files whose number of papers is not known in advance."""
    seen_text = False
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise CorpusError(path, None, f"cannot read: {exc.strerror or exc}") from None
    with handle:
        offset = 0
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if b"\x00" in raw:
                raise CorpusError(path, number, "binary data (NUL byte): not a text file")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise CorpusError(path, number, f"bytes that are not UTF-8 at byte {offset + exc.start} "
                                  f"({raw[exc.start:exc.start + 4]!r})") from None
            offset += len(raw)
            if position is not None:
                position[0] = offset
            seen_text = seen_text or bool(line.strip())
            yield number, line
    if not seen_text:
        raise CorpusError(path, 1, "file is empty")
