"""A validated library, kept between runs: unchanged content starts the kiosk without parsing Markdown.

The cache is keyed by a fingerprint of every input (content files, illustrations, the engine's own code),
so any edit means a full parse and validation again. A missing or unreadable cache is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from pathlib import Path

from kiosk.content.model import Library
from kiosk.errors import LocatedError

log = logging.getLogger("kiosk.content")

CACHE_FORMAT = "1"
ENGINE = Path(__file__).resolve().parent


def fingerprint(*folders: Path) -> str:
    """A digest of the name, size and modification time of every file below the folders."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for folder in (*folders, ENGINE):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:24]


def _folder_key(root: Path) -> str:
    """One cache entry per content folder: switching between two folders does not evict either."""
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:12]


def load_content(root: Path, illustrations: Path, cache_dir: Path | None) -> tuple[Library | None, list[LocatedError]]:
    """The library from the cache when nothing changed, else parsed, validated and cached."""
    path = None
    if cache_dir is not None:
        try:
            path = cache_dir / f"content-{_folder_key(root)}-{fingerprint(root, illustrations)}.pickle"
            library = pickle.loads(path.read_bytes())  # noqa: S301 (our own file, in the user's cache folder)
            if isinstance(library, Library):
                log.info("content loaded from %s (unchanged since it was last validated)", root)
                return library, []
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass  # no cache yet, or an unreadable one: validate from the files
    from kiosk.content.loader import load_library  # Markdown and the sanitiser load only when needed

    library, problems = load_library(root, illustrations)
    if library is not None and path is not None:
        _store(path, library)
    return library, problems


def _store(path: Path, library: Library) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        prefix = path.name.rsplit("-", 1)[0]  # content-<folder key>: older entries of the same folder
        for old in path.parent.glob(f"{prefix}-*.pickle"):
            old.unlink(missing_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(library, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(path)
    except OSError as error:  # a full disk only costs the next start-up some time
        log.info("content cache not written (%s)", error)
