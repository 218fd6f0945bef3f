"""One running app per person, with real processes: a later launch hands its link over and
leaves at once, and nobody else can reach the running app's socket."""

from __future__ import annotations

import os
import queue
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.vaults import PROJECT_ROOT
from ui.links.single_instance import MAX_MESSAGE, NoPrivatePlace, user_place

LINK = "zpd://share?request_uri=https%3A%2F%2Fshop.example%2Fzpd%2Fr%2F1"
OTHER_LINK = "zpd://share?request_uri=https%3A%2F%2Fshop.example%2Fzpd%2Fr%2F2"
NOBODY = 65534
WAIT = 10.0  # seconds for a line from the running process (a loaded machine is slow)


class Host:
    """tests/ui/instance_host.py in its own process; its lines read as they come."""

    def __init__(self, runtime: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.instance_host", str(runtime), *args],
            cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, **(env or {})},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self) -> str:
        return self.lines.get(timeout=WAIT)

    def no_more_lines(self, seconds: float = 0.5) -> bool:
        try:
            self.lines.get(timeout=seconds)
        except queue.Empty:
            return True
        return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=WAIT)


@pytest.fixture
def runtime() -> Iterator[Path]:
    """A short runtime folder (a socket's path must stay short) that every user may enter,
    as /tmp is, so that only the app's own folder and socket keep others out."""
    path = Path(tempfile.mkdtemp(prefix="zpv-rt-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def hosts() -> Iterator[list[Host]]:
    started: list[Host] = []
    yield started
    for host in started:
        host.stop()


def first(runtime: Path, hosts: list[Host], *args: str) -> Host:
    host = Host(runtime, *args)
    hosts.append(host)
    assert host.next_line() == " ".join(("first", *args))
    return host


def later_launch(runtime: Path, *args: str, env: dict[str, str] | None = None
                 ) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.instance_host", str(runtime), *args],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=30,
        env={**os.environ, **(env or {})},
    )
    return done, time.monotonic() - started


def test_a_later_launch_hands_its_link_to_the_running_app_and_exits_at_once(
        runtime: Path, hosts: list[Host]) -> None:
    running = first(runtime, hosts)

    done, seconds = later_launch(runtime, LINK)

    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""
    assert seconds < 2.0, f"the later launch took {seconds:.2f} s"
    assert running.next_line() == "activated {}"
    assert running.next_line() == f"link {LINK}"
    assert running.process.poll() is None  # still running, and still taking links
    later_launch(runtime, OTHER_LINK)
    assert running.next_line() == "activated {}"
    assert running.next_line() == f"link {OTHER_LINK}"


def test_a_later_launch_without_a_link_brings_the_app_forward_with_its_token(
        runtime: Path, hosts: list[Host]) -> None:
    running = first(runtime, hosts)

    done, _ = later_launch(runtime, env={"XDG_ACTIVATION_TOKEN": "token-1"})

    assert done.returncode == 0
    assert running.next_line() == 'activated {"XDG_ACTIVATION_TOKEN": "token-1"}'
    assert running.no_more_lines()  # no link was given, none is opened


def test_with_no_app_running_the_link_starts_it_even_after_a_crash(
        runtime: Path, hosts: list[Host]) -> None:
    crashed = first(runtime, hosts)
    crashed.process.kill()  # its lock and socket file stay behind
    crashed.process.wait(timeout=WAIT)
    assert (Path(user_place(runtime).server_name)).exists()

    running = first(runtime, hosts, LINK)  # the link starts the app, which then serves

    later_launch(runtime, OTHER_LINK)
    assert running.next_line() == "activated {}"
    assert running.next_line() == f"link {OTHER_LINK}"


def test_launches_at_the_same_moment_make_exactly_one_first(
        runtime: Path, hosts: list[Host]) -> None:
    launches = [Host(runtime, f"{LINK}{n}") for n in range(3)]
    hosts.extend(launches)

    deadline = time.monotonic() + WAIT
    while sum(launch.process.poll() is None for launch in launches) > 1:
        assert time.monotonic() < deadline, "more than one launch kept running"
        time.sleep(0.05)
    [running] = [launch for launch in launches if launch.process.poll() is None]
    assert all(launch.process.returncode == 0 for launch in launches if launch is not running)
    lines = [running.next_line() for _ in range(5)]
    assert lines[0].startswith("first ")
    links = {lines[0].removeprefix("first ")} | {
        line.removeprefix("link ") for line in lines[1:] if line.startswith("link ")}
    assert links == {f"{LINK}{n}" for n in range(3)}  # every launch's link arrived once


def test_the_socket_is_in_a_folder_of_this_user_that_only_they_may_enter(
        runtime: Path, hosts: list[Host]) -> None:
    first(runtime, hosts)
    place = user_place(runtime)
    folder = Path(place.server_name).parent

    assert folder.name == f"zero-party-vault-{os.getuid()}"  # named per user
    assert folder.parent == runtime
    info = folder.lstat()
    assert stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
    assert stat.S_IMODE(info.st_mode) == 0o700
    socket_info = Path(place.server_name).lstat()
    assert stat.S_ISSOCK(socket_info.st_mode) and socket_info.st_uid == os.getuid()
    assert stat.S_IMODE(socket_info.st_mode) & 0o077 == 0  # UserAccessOption: owner only


def connect_as(user: int, path: str) -> str:
    """Connect to `path` as another user, with Python's own socket (not Qt's): the error's
    name, or "connected"."""
    probe = ("import socket, sys\n"
             "s = socket.socket(socket.AF_UNIX)\n"
             "try:\n    s.connect(sys.argv[1]); print('connected')\n"
             "except OSError as e:\n    print(type(e).__name__)\n")
    python = shutil.which("python3", path="/usr/bin:/usr/local/bin") or sys.executable
    done = subprocess.run([os.path.realpath(python), "-I", "-c", probe, path], user=user,
                          group=user, extra_groups=[], cwd="/", capture_output=True,
                          text=True, timeout=30)
    return done.stdout.strip() or done.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="acting as another user needs root")
def test_another_user_cannot_connect(runtime: Path, hosts: list[Host]) -> None:
    first(runtime, hosts)
    path = user_place(runtime).server_name
    assert connect_as(os.getuid(), path) == "connected"  # the probe itself works

    assert connect_as(NOBODY, path) == "PermissionError"  # the folder keeps them out
    Path(path).parent.chmod(0o755)  # were the folder opened, the socket keeps them out too
    assert connect_as(NOBODY, path) == "PermissionError"


def test_a_folder_someone_else_could_use_is_refused(runtime: Path) -> None:
    folder = runtime / f"zero-party-vault-{os.getuid()}"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    with pytest.raises(NoPrivatePlace, match="open to other users"):
        user_place(runtime)
    folder.rmdir()

    elsewhere = Path(tempfile.mkdtemp(prefix="zpv-elsewhere-"))
    folder.symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(NoPrivatePlace, match="not a folder"):
        user_place(runtime)
    folder.unlink()
    elsewhere.rmdir()

    if os.geteuid() == 0:
        folder.mkdir(mode=0o700)
        os.chown(folder, NOBODY, NOBODY)
        with pytest.raises(NoPrivatePlace, match="another user"):
            user_place(runtime)


def test_anything_else_written_to_the_socket_is_ignored(
        runtime: Path, hosts: list[Host]) -> None:
    running = first(runtime, hosts)
    path = user_place(runtime).server_name
    for junk in (b"not json\n", b'["a list"]\n', b'{"open_url": 42}\n',
                 b'{"open_url": "zpd://x", "run": "rm"}\n', b"x" * (MAX_MESSAGE + 10)):
        with socket.socket(socket.AF_UNIX) as raw:
            raw.connect(path)
            raw.sendall(junk)
            raw.settimeout(WAIT)
            try:
                raw.recv(16)
            except (TimeoutError, ConnectionResetError):
                pass

    assert running.no_more_lines()  # no signal for any of it
    done, _ = later_launch(runtime, LINK)  # and the app still takes links
    assert done.returncode == 0
    assert running.next_line() == "activated {}"
    assert running.next_line() == f"link {LINK}"
