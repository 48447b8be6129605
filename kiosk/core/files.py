"""Reading and replacing the kiosk's files safely.

Reading: only regular files of a bounded size inside their folder (see read_file).
Replacing: a crash or a full disk mid-write leaves the old file, never half a new one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import sys
import tempfile
import weakref
from collections.abc import Callable, Iterator
from io import BufferedReader, TextIOWrapper
from pathlib import Path
from typing import IO, BinaryIO, NamedTuple

from kiosk.core.i18n import N_, _


def private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) owner-only (0700), or narrow an existing one of ours to 0700.

    Run-time files say what the kiosk did (logs, statistics); no other user of the machine reads them.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if sys.platform == "win32":
        return
    info = folder.stat()
    if info.st_mode & 0o077 and info.st_uid == os.geteuid():
        os.chmod(folder, 0o700)


def private_opener(path: str, flags: int) -> int:
    """An `opener` for open(): the file is created 0600, and an older one left readable by others is narrowed.

    Only a regular file is opened (never through a link): a FIFO put in place of kiosk.log would block the
    open for ever, so it is opened non-blocking and refused (FileRefusedError, an OSError).
    """
    fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0), 0o600)
    try:
        info = os.fstat(fd)
        _refuse_unless_regular(Path(path), info.st_mode)
        if sys.platform != "win32" and info.st_mode & 0o077:
            os.fchmod(fd, 0o600)
    except BaseException:
        os.close(fd)
        raise
    return fd


def replace_file(path: Path, data: bytes, *, private: bool = True, durable: bool = True) -> None:
    """Replace `path` with `data` atomically, creating its folder; raises OSError and leaves no temporary file.

    The data goes to a temporary file in the same folder, which is then renamed over `path` (see replacing).
    private: readable by the owner only, from the moment the file exists, in an owner-only folder (every
    run-time file); False only for files another program must read (the clinic chain's outbox, an export).
    durable: flushed to the disk before the rename; a cache that can be rebuilt skips it.
    """
    with replacing(path, private=private, durable=durable) as handle:
        handle.write(data)


class FileRefusedError(OSError):
    """A file the kiosk will not read: not a regular file, too large, or a link out of its folder."""

    def __init__(self, path: Path, reason: str, code: int = errno.EPERM) -> None:
        super().__init__(code, reason, str(path))


class FileTooLargeError(FileRefusedError):
    def __init__(self, path: Path, size: int, limit: int) -> None:
        self.size, self.limit = size, limit
        message = _("the file is {size:,} bytes; at most {limit:,} are read").format(size=size, limit=limit)
        super().__init__(path, message, errno.EFBIG)


_KINDS = ((stat.S_ISFIFO, N_("a FIFO (named pipe)")), (stat.S_ISCHR, N_("a device")), (stat.S_ISBLK, N_("a device")),
          (stat.S_ISSOCK, N_("a socket")))  # fmt: skip
# No O_NOFOLLOW or O_NONBLOCK on Windows, which has neither symbolic links of this kind nor FIFOs in folders.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check still never blocks the open
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


def _refuse_unless_regular(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, _("expected a file, found a folder"), str(path))
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), N_("not a regular file"))
        raise FileRefusedError(path, _("{kind}, not a regular file").format(kind=_(kind)), errno.EINVAL)


def open_regular(path: Path, *, within: Path | None = None) -> BufferedReader:
    """`path` opened for reading after the checks described in read_file; the caller closes it.

    For a reader that takes a file in parts: a kept picture's header, then its pixels straight into an image."""
    folder = os.path.realpath(within if within is not None else path.parent)
    real = os.path.realpath(path)
    if os.path.commonpath([folder, real]) != folder:
        why = _("a link to {real}, outside {folder}; only files inside it are read")
        raise FileRefusedError(path, why.format(real=real, folder=folder))
    _refuse_unless_regular(path, os.stat(real).st_mode)  # before the open: opening some devices acts
    try:
        fd = os.open(real, _READ_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:  # `real` became a link since it was resolved
            raise FileRefusedError(path, _("a symbolic link appeared while it was being opened")) from None
        raise
    handle = os.fdopen(fd, "rb")
    try:
        _refuse_unless_regular(path, os.fstat(fd).st_mode)  # the file opened is the one checked, even after a swap
    except BaseException:
        handle.close()
        raise
    return handle


def read_file(path: Path, max_bytes: int, *, within: Path | None = None) -> bytes:
    """The bytes of `path` if it is a regular file of at most `max_bytes` inside `within` (default: its folder).

    Every file the kiosk reads at run time (settings, PIN, lockout, statistics header) and every content
    file goes through here, so none of them can hang it (a FIFO, a device), flood it (a huge file) or lead
    it out of its folder (a symbolic link to another user's file). A link that stays inside is followed.
    Raises FileNotFoundError (also for a dangling link), IsADirectoryError, FileRefusedError or OSError.
    """
    with open_regular(path, within=within) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise FileTooLargeError(path, size, max_bytes)
        data = handle.read(max_bytes + 1)  # a file still growing is cut off here, not read to its end
    if len(data) > max_bytes:
        raise FileTooLargeError(path, len(data), max_bytes)
    return data


def read_listed(path: str, max_bytes: int, *, link: bool) -> bytes:
    """read_file for a file just listed in its folder (`link`: its directory entry is a symbolic link).

    A listed entry that is no link cannot lead out of its folder, so a regular file is read in three system calls
    (thousands of outbox files at the hub): O_NOFOLLOW refuses a link swapped in since, O_NONBLOCK a FIFO, fstat
    anything else that is not a regular file of at most `max_bytes`. Everything else goes through read_file, with
    its checks and its messages.
    """
    if not link:
        try:
            fd = os.open(path, _READ_FLAGS)  # read_file's own flags
        except OSError:
            fd = -1
        if fd >= 0:
            try:
                info = os.fstat(fd)
                if stat.S_ISREG(info.st_mode) and info.st_size <= max_bytes:
                    data = os.read(fd, info.st_size + 1)  # one byte over: a file still growing is caught
                    if len(data) == info.st_size:
                        return data
            finally:
                os.close(fd)
    return read_file(Path(path), max_bytes)


def read_head(path: Path, count: int, *, within: Path | None = None) -> bytes:
    """The first `count` bytes of a regular file of any size, with read_file's other checks (b"" if empty)."""
    with open_regular(path, within=within) as handle:
        return handle.read(count)


@contextlib.contextmanager
def replacing(path: Path, *, private: bool = True, durable: bool = True) -> Iterator[BinaryIO]:
    """A handle to write `path`'s new bytes in parts; on a clean exit they replace `path` (see replace_file).

    The temporary name is made here, at random, and created with O_EXCL and O_NOFOLLOW: a link or a FIFO
    planted beside the target (say on a USB stick) is never followed or opened; the rename then replaces a link
    named like the target, never the file it points at.
    """
    if private:
        private_folder(path.parent)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o600 if private else 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if private:
        try:
            # Makes the mode certain whatever the file system did on rename; Windows only knows read-only.
            os.chmod(path, 0o600)
        except OSError:
            if sys.platform != "win32":
                raise


@contextlib.contextmanager
def replacing_text(path: Path, encoding: str, *, private: bool = True) -> Iterator[TextIOWrapper]:
    """replacing, for text written in parts (a CSV as its rows come), with universal newlines off (newline="")."""
    with replacing(path, private=private) as handle:
        text = TextIOWrapper(handle, encoding, newline="")
        yield text
        text.flush()
        text.detach()  # the handle stays open for replacing to flush, sync and rename


def spool() -> IO[bytes]:
    """A scratch file, read and written, for what is too large to hold in memory (the merge's CSV rows).

    Owner-only (0600) in a folder made for it (0700) in the platform's temporary folder. Where the system allows
    it has no name from the start (the folder is removed at once); elsewhere both go when the file is closed or
    collected."""
    folder = tempfile.mkdtemp(prefix="kiosk-spool-")  # 0700
    try:
        handle = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (the caller closes it) 0600, unlinked on POSIX
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if sys.platform == "win32":  # deleted on close: the folder goes after it
        weakref.finalize(handle, shutil.rmtree, folder, True)
    else:
        os.rmdir(folder)
    return handle


def open_private_text(path: Path | str, mode: str, encoding: str) -> TextIOWrapper:
    """A run-time text file (a log) opened to write through private_opener: owner-only, regular, no link."""
    if mode not in ("a", "w"):
        raise ValueError(f"open_private_text writes only ('a' or 'w'), not {mode!r}")
    stream = open(path, mode, encoding=encoding, opener=private_opener)  # noqa: SIM115 (the caller closes it)
    assert isinstance(stream, TextIOWrapper)
    return stream


def discard_output(stream: TextIOWrapper | object) -> None:
    """Point a standard stream's file descriptor at the null device (its reader went away: `| head`)."""
    fileno = getattr(stream, "fileno", None)
    if fileno is not None:
        os.dup2(os.open(os.devnull, os.O_WRONLY), fileno())


def entries(folder: Path | str) -> list[os.DirEntry[str]]:
    """The entries of one folder, sorted by name; ask them is_dir(follow_symlinks=False) to never follow a link.

    Raises OSError (the folder is missing, not a folder, or unreadable)."""
    with os.scandir(folder) as found:
        return sorted(found, key=lambda entry: entry.name)


def walk(root: Path, skip: Callable[[str], bool] = lambda name: False) -> Iterator[tuple[str, os.stat_result]]:
    """Every entry below `root` but its folders, as (path relative to root, its lstat), in os.walk's order.

    Links are listed, never followed: a link to /dev/zero is a small link, `loop -> .` is not a way down.
    Names for which `skip` is true are left out, folders with everything below them. A folder that vanishes or
    cannot be read while walking is left out (the caller sees the change in the next listing)."""
    stack = [""]
    while stack:
        relative = stack.pop()
        try:
            found = entries(os.path.join(root, relative) if relative else root)
        except OSError:
            continue
        below = []
        for entry in found:
            if skip(entry.name):
                continue
            name = os.path.join(relative, entry.name) if relative else entry.name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:  # removed since the listing
                continue
            if stat.S_ISDIR(info.st_mode):
                below.append(name)
            else:
                yield name, info
        stack.extend(reversed(below))


# How much a copied folder may hold: bytes in one file, bytes in all, and entries. The functional form keeps
# real types: with this module's string annotations a class form would cost a compile at every start-up.
TreeLimits = NamedTuple("TreeLimits", [("file_bytes", int), ("total_bytes", int), ("entries", int)])  # noqa: UP014


def copy_tree(source: Path, target: Path, limits: TreeLimits, skip: Callable[[str], bool] = lambda name: False) -> None:
    """Copy the folder `source` to the new folder `target` (owner-only), checked like every read and write.

    Regular files are copied (bytes and modification time) through open_regular, within the limits; a link is
    copied as the same link and never followed (a link to /dev/zero or a `loop -> .` copies as a few bytes);
    FIFOs, devices and sockets are never opened and not copied. Files are written with O_EXCL and O_NOFOLLOW.
    Raises FileRefusedError (FileTooLargeError) when the folder exceeds a limit, or OSError; `target` may then
    hold part of the copy, which the caller removes.
    """
    total = count = 0
    os.mkdir(target, 0o700)
    stack = [(Path(source), Path(target))]
    while stack:
        here, there = stack.pop()
        for entry in entries(here):
            if skip(entry.name):
                continue
            count += 1
            if count > limits.entries:
                why = _("more than {count:,} files and folders; not copied").format(count=limits.entries)
                raise FileRefusedError(source, why)
            from_path, to_path = here / entry.name, there / entry.name
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISLNK(info.st_mode):
                os.symlink(os.readlink(from_path), to_path)
            elif stat.S_ISDIR(info.st_mode):
                os.mkdir(to_path, 0o700)
                stack.append((from_path, to_path))
            elif stat.S_ISREG(info.st_mode):
                total += _copy_file(from_path, to_path, limits, limits.total_bytes - total, source)


def _copy_file(source: Path, target: Path, limits: TreeLimits, room: int, tree: Path) -> int:
    """Copy one regular file of at most limits.file_bytes, and at most `room` bytes; returns the bytes copied."""
    max_bytes = limits.file_bytes
    with open_regular(source) as handle:
        info = os.fstat(handle.fileno())
        if info.st_size > max_bytes:
            raise FileTooLargeError(source, info.st_size, max_bytes)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(target, flags, 0o600), "wb") as out:
            copied = 0
            while chunk := handle.read(1 << 20):
                copied += len(chunk)
                if copied > max_bytes:  # grew since the check: never read to its end
                    raise FileTooLargeError(source, copied, max_bytes)
                if copied > room:
                    raise FileRefusedError(
                        tree,
                        _("more than {size:,} bytes in all; not copied").format(size=limits.total_bytes),
                        errno.EFBIG,
                    )
                out.write(chunk)
            out.flush()
            os.utime(out.fileno(), ns=(info.st_atime_ns, info.st_mtime_ns))
    return copied
