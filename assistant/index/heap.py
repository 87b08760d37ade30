"""Hand freed heap memory back to the operating system, and keep less of it to begin with.

glibc keeps memory that Python and native libraries have freed inside the process, so a one-off
peak (parsing the 90 MB ONNX graph, the first reads of a large store) stays in the resident size
for the life of the process. ``malloc_trim`` returns it: measured 28 MiB after loading the model
and 45 to 65 MiB after warming up on the bundled store. Elsewhere than glibc both are no-ops.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from functools import cache

_M_ARENA_MAX = -8  # mallopt's parameter number (glibc's malloc.h)


@cache
def _libc(name: str):
    try:
        return getattr(ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6"), name)
    except (OSError, AttributeError):  # no C library found, or not glibc
        return None


def trim() -> None:
    """Return free heap pages to the OS (a few milliseconds; call after a burst, not per request)."""
    malloc_trim = _libc("malloc_trim")
    if malloc_trim is not None:
        malloc_trim(0)


def one_arena_per_core() -> None:
    """At most one malloc arena per core, for a program to call first thing.

    glibc gives threads arenas of their own, up to eight per core, and each keeps the memory freed
    in it. OpenVINO's worker threads, Chroma's and the ingest's writer each filled one: a
    200-paper ingest peaked at 404 MiB, 389 MiB with two arenas on two cores, and ran as fast."""
    mallopt = _libc("mallopt")
    if mallopt is not None:
        mallopt(_M_ARENA_MAX, os.cpu_count() or 1)
