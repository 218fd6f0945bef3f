"""One running app per person: a later launch hands its link to the running app and leaves.

The first launch takes a lock file and listens on a local socket; a later launch finds the
lock taken, connects, sends one line (its link, if any, and the desktop's activation token
so that the running window may come to the front) and exits as soon as the running app has
answered. The running app emits `activated`, then `link_received` when a link came.

The socket is the person's own. On Linux and macOS it lives in a folder named with their
user id that only they can enter (mode 0700, under $XDG_RUNTIME_DIR, else the temporary
folder; a folder there that someone else made, or left open, is refused), and the socket
itself is 0600 (QLocalServer's UserAccessOption). On Windows the pipe's name carries the
user name and UserAccessOption gives it an ACL that admits only them.

The lock, not the socket, decides who is first: it is released by the system when its
holder dies (QLockFile checks the holder's process), so a crashed run's socket file is
removed by the next first launch, and two launches at the same moment cannot both listen.
"""

from __future__ import annotations

import getpass
import json
import os
import stat
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ANSWER = b"ok\n"
MAX_MESSAGE = 16 * 1024  # a share link is far shorter; a longer line is dropped unread
FORWARD_TIMEOUT_MS = 1500  # a later launch gives up (and says so) after this long
SOCKET_PATH_MAX = 104  # sun_path on macOS (108 on Linux), less its terminating NUL
ACTIVATION_VARIABLES = ("XDG_ACTIVATION_TOKEN", "DESKTOP_STARTUP_ID")  # Wayland's, X11's


class NoPrivatePlace(Exception):
    """No folder only this user can reach holds the socket: the app runs on its own."""


class ForwardFailed(Exception):
    """Another launch holds the lock but did not take the link in time."""


@dataclass(frozen=True)
class Place:
    """Where the running app's lock and socket are."""

    lock_file: Path
    server_name: str  # a socket path on Linux and macOS, a pipe name on Windows


def user_place(runtime_dir: Path | None = None) -> Place:
    """The person's own place; `runtime_dir` replaces $XDG_RUNTIME_DIR (tests)."""
    if sys.platform == "win32":
        import platformdirs

        directory = Path(platformdirs.user_runtime_dir("zero-party-vault", appauthor=False))
        directory.mkdir(parents=True, exist_ok=True)
        user = "".join(c if c.isalnum() else "_" for c in getpass.getuser())
        return Place(directory / "app.lock", f"zero-party-vault-{user}")
    directory = private_directory(runtime_dir or default_runtime_dir())
    socket_path = str(directory / "app.socket")
    if len(os.fsencode(socket_path)) >= SOCKET_PATH_MAX:
        raise NoPrivatePlace(f"the socket's path is too long for the system: {socket_path}")
    return Place(directory / "app.lock", socket_path)


def default_runtime_dir() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        return Path(runtime)
    return Path(tempfile.gettempdir())


def private_directory(base: Path) -> Path:
    """`base`/zero-party-vault-UID, made 0700 if new; refused unless it is a real folder of
    this user that nobody else may enter (in a shared temporary folder someone else could
    have made it first, to listen in our place)."""
    uid = os.getuid()
    directory = base / f"zero-party-vault-{uid}"
    try:
        directory.mkdir(mode=0o700)
        os.chmod(directory, 0o700)  # whatever the umask
    except FileExistsError:
        pass
    except OSError as error:
        raise NoPrivatePlace(f"cannot make {directory}: {error.strerror}") from error
    info = os.lstat(directory)
    if not stat.S_ISDIR(info.st_mode):
        raise NoPrivatePlace(f"{directory} is not a folder")
    if info.st_uid != uid:
        raise NoPrivatePlace(f"{directory} belongs to another user")
    if info.st_mode & 0o077:
        raise NoPrivatePlace(f"{directory} is open to other users (mode {info.st_mode & 0o777:o})")
    return directory


def message(link: str | None, environ: dict[str, str] | None = None) -> bytes:
    """The line a later launch sends: its link and its activation tokens."""
    environ = dict(os.environ) if environ is None else environ
    body: dict[str, str] = {name: environ[name] for name in ACTIVATION_VARIABLES
                            if environ.get(name)}
    if link is not None:
        body["open_url"] = link
    return json.dumps(body).encode() + b"\n"


def forward(place: Place, link: str | None, *, timeout_ms: int = FORWARD_TIMEOUT_MS) -> None:
    """Hand `link` (None: just come to the front) to the running app, or raise
    ForwardFailed. Needs no event loop: this runs before the app builds anything."""
    from PySide6.QtCore import QDeadlineTimer

    deadline = QDeadlineTimer(timeout_ms)
    line = message(link)
    while not deadline.hasExpired():
        socket = QLocalSocket()
        socket.connectToServer(place.server_name)
        if socket.waitForConnected(max(1, deadline.remainingTime())):
            socket.write(line)
            answer = b""
            while b"\n" not in answer and socket.waitForReadyRead(
                    max(1, deadline.remainingTime())):
                answer += bytes(socket.readAll().data())
            socket.abort()
            if answer == ANSWER:
                return
            raise ForwardFailed("the running app did not take the link")
        socket.abort()
        time.sleep(0.05)  # the first launch holds the lock but may not be listening yet
    raise ForwardFailed("the running app did not answer")


class RunningApp(QObject):
    """The first launch's end: later launches' links arrive here as signals. Made after the
    application object (its socket needs the event loop)."""

    activated = Signal(dict)  # a later launch's activation tokens (maybe empty)
    link_received = Signal(str)

    def __init__(self, place: Place, lock: QLockFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.place = place
        self._lock = lock  # held as long as this object lives
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(place.server_name)  # a crashed run's; nobody else listens
        if not self._server.listen(place.server_name):
            raise NoPrivatePlace(f"cannot listen: {self._server.errorString()}")
        self._server.newConnection.connect(self._accept)

    def close(self) -> None:
        self._server.close()
        self._lock.unlock()

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.setParent(self)
            received = bytearray()
            socket.readyRead.connect(lambda s=socket, r=received: self._read(s, r))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket, received)

    def _read(self, socket: QLocalSocket, received: bytearray) -> None:
        received += bytes(socket.readAll().data())
        if b"\n" not in received:
            if len(received) > MAX_MESSAGE:
                socket.abort()
            return
        line = bytes(received.split(b"\n", 1)[0])
        socket.write(ANSWER)
        socket.disconnectFromServer()
        body = parse(line)
        if body is None:
            return
        self.activated.emit({k: v for k, v in body.items() if k in ACTIVATION_VARIABLES})
        if "open_url" in body:
            self.link_received.emit(body["open_url"])


def parse(line: bytes) -> dict[str, str] | None:
    """A later launch's line, or None when it is not one (any other writer is ignored)."""
    if len(line) > MAX_MESSAGE:
        return None
    try:
        body = json.loads(line)
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(body, dict):
        return None
    known = (*ACTIVATION_VARIABLES, "open_url")
    if any(key not in known or not isinstance(value, str) for key, value in body.items()):
        return None
    return body


def claim(place: Place) -> QLockFile | None:
    """The lock that makes this launch the first, or None when another launch holds it."""
    lock = QLockFile(str(place.lock_file))
    lock.setStaleLockTime(0)  # stale only when its holder's process is gone, never by age
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    raise NoPrivatePlace(f"cannot take the lock {place.lock_file}")


def claim_or_forward(place: Place, link: str | None) -> QLockFile | None:
    """The lock if this launch is the first (serve with RunningApp once the application
    object exists); else hand `link` to the running app and return None (the caller exits).
    Raises ForwardFailed, NoPrivatePlace."""
    lock = claim(place)
    if lock is None:
        forward(place, link)
    return lock
