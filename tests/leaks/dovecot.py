"""A real IMAP server for the tests and benchmarks: Debian's Dovecot, started as an
unprivileged instance with a configuration of its own (never the system service).

One throwaway user in a passwd-file, a Maildir under a temporary folder, IMAP over TLS
only (a certificate from a `trustme` test authority) on a free loopback port. Messages are
delivered the way a local delivery agent does it: written into the Maildir's tmp/ and
renamed into new/, while the server runs. When this process runs as root, Dovecot runs as
`nobody` (it refuses to serve mail as root, and a test server has no business being root).
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import trustme

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER = "alex"
PASSWORD = "canary-watch-7"
AUTHSERV_ID = "mx.person.example"
MISSING = "Debian's dovecot-imapd is not installed (apt-get install dovecot-imapd)"


def available() -> bool:
    return os.access(DOVECOT, os.X_OK)


CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{root}/server.pem
ssl_key = <{root}/server.key
ssl_min_protocol = TLSv1.2
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 1
last_valid_uid = 0
mail_location = maildir:{root}/Maildir
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
"""


@dataclass
class Dovecot:
    root: Path
    port: int
    ca_bundle: str
    process: subprocess.Popen[bytes]

    @property
    def maildir(self) -> Path:
        return self.root / "Maildir"

    def deliver(self, message: bytes) -> Path:
        """Puts one message in the inbox as a delivery agent would (tmp/, then new/)."""
        name = f"{time.time_ns()}.{uuid.uuid4().hex}.zpv-test"
        temporary = self.maildir / "tmp" / name
        temporary.write_bytes(message)
        _give(temporary)
        final = self.maildir / "new" / name
        os.rename(temporary, final)
        return final

    def deliver_many(self, messages: list[bytes]) -> None:
        for message in messages:
            self.deliver(message)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        try:
            return (self.root / "dovecot.log").read_text(errors="replace")
        except OSError:
            return ""


def _runs_as() -> tuple[str, int, int]:
    if os.geteuid() == 0:
        entry = pwd.getpwnam("nobody")
    else:
        entry = pwd.getpwuid(os.geteuid())
    return entry.pw_name, entry.pw_uid, entry.pw_gid


def _give(path: Path) -> None:
    if os.geteuid() == 0:
        _, uid, gid = _runs_as()
        os.chown(path, uid, gid)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(authority: trustme.CA | None = None) -> Dovecot:
    """A running server with an empty inbox; `stop()` it (the tests' fixture does)."""
    authority = authority or trustme.CA()
    user, uid, gid = _runs_as()
    group = _group_name(gid)
    # A short path: Dovecot's unix sockets live under base_dir (108 bytes at most).
    root = Path(tempfile.mkdtemp(prefix="zpv-imap-"))
    os.chmod(root, 0o755)
    for sub in ("run", "state", "home", "Maildir/new", "Maildir/cur", "Maildir/tmp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    cert = authority.issue_cert("127.0.0.1", "localhost")
    cert.private_key_pem.write_to_path(str(root / "server.key"))
    cert.cert_chain_pems[0].write_to_path(str(root / "server.pem"))
    for pem in cert.cert_chain_pems[1:]:
        with open(root / "server.pem", "ab") as chain:
            chain.write(pem.bytes())
    authority.cert_pem.write_to_path(str(root / "ca.pem"))
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    if os.geteuid() == 0:
        for path in [root, *root.rglob("*")]:
            os.chown(path, uid, gid)
        os.chmod(root / "server.key", 0o600)
    last_error = ""
    for _ in range(5):
        port = free_port()
        (root / "dovecot.conf").write_text(CONFIG.format(
            root=root, user=user, group=group, uid=uid, gid=gid, port=port))
        process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            user=user if os.geteuid() == 0 else None,
            group=group if os.geteuid() == 0 else None,
        )
        server = Dovecot(root, port, str(root / "ca.pem"), process)
        if _ready(server):
            return server
        last_error = server.log() or (process.stdout.read().decode(errors="replace")
                                      if process.poll() is not None and process.stdout
                                      else "")
        server.process.kill()
        server.process.wait()
    shutil.rmtree(root, ignore_errors=True)
    raise RuntimeError(f"Dovecot did not start: {last_error[-2000:]}")


def _ready(server: Dovecot, seconds: float = 15) -> bool:
    context = ssl.create_default_context(cafile=server.ca_bundle)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=2) as raw, \
                    context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                if tls.recv(100).startswith(b"* OK"):
                    return True
        except OSError:
            time.sleep(0.05)
    return False


def _group_name(gid: int) -> str:
    import grp

    return grp.getgrgid(gid).gr_name
