"""A validated library, kept between runs: unchanged content starts the kiosk without parsing Markdown.

An entry holds the library and the name, size and modification time of every input it was made from
(content files, illustrations, the engine's own code); it is used only when all of them are unchanged,
so any edit means a full parse and validation again. A missing or unreadable cache is simply rebuilt.
"""

from __future__ import annotations

import logging
import os
import pickle
import zlib
from pathlib import Path

from kiosk.content.model import Library
from kiosk.core.errors import LocatedError
from kiosk.core.files import replace_file

log = logging.getLogger("kiosk.content")

CACHE_FORMAT = 2
ENGINE = Path(__file__).resolve().parent

Inputs = tuple[tuple[str, int, int], ...]


def inputs(*folders: Path) -> Inputs:
    """The name, size and modification time of every file below the folders and of the engine's code."""
    found = []
    for folder in (*folders, ENGINE):
        # os.walk rather than Path.rglob: on the start-up path, and several times quicker on first use.
        for top, dirs, files in os.walk(folder):
            dirs[:] = sorted(name for name in dirs if name != "__pycache__")
            for name in sorted(files):
                stat = os.stat(os.path.join(top, name))
                found.append((os.path.join(top, name), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def entry_path(cache_dir: Path, root: Path) -> Path:
    """One entry per content folder, so switching between two folders evicts neither.

    A checksum of the folder's path names the file (no hashlib: it costs start-up ~2 ms of OpenSSL);
    two folders sharing a name only take turns, since an entry is checked against its inputs anyway.
    """
    return cache_dir / f"content-{zlib.crc32(str(root.resolve()).encode()):08x}.pickle"


def load_content(root: Path, illustrations: Path, cache_dir: Path | None) -> tuple[Library | None, list[LocatedError]]:
    """The library from the cache when nothing changed, else parsed, validated and cached."""
    if cache_dir is not None:
        path, current = entry_path(cache_dir, root), inputs(root, illustrations)
        cached = _read(path, current)
        if cached is not None:
            log.info("content loaded from %s (unchanged since it was last validated)", root)
            return cached, []
    from kiosk.content.loader import load_library  # Markdown and the sanitiser load only when needed

    library, problems = load_library(root, illustrations)
    if library is not None and cache_dir is not None:
        _store(path, (CACHE_FORMAT, current, library))
    return library, problems


def _read(path: Path, current: Inputs) -> Library | None:
    """The cached library if the entry was made from exactly these inputs; None for no or an unusable entry."""
    try:
        form, made_from, cached = pickle.loads(path.read_bytes())  # noqa: S301 (our own file, in our cache)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return cached if (form, made_from) == (CACHE_FORMAT, current) and isinstance(cached, Library) else None


def _store(path: Path, entry: tuple[int, Inputs, Library]) -> None:
    try:
        replace_file(path, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except OSError as error:  # a full disk only costs the next start-up some time
        log.info("content cache not written (%s)", error)
