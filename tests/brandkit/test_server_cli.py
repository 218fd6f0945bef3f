"""`zpv-brand serve` and `zpv-brand customers` in subprocesses, as a brand runs them."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys, create_keys, generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tests.support.people import DAY, NOW, ORIGIN, Person, spec
from tests.support.vaults import PROJECT_ROOT
from zpd import receipt as zpd_receipt
from zpd.request import DataRequest, verify_request

from .live import TIMEOUT, zpv_brand_serve
from .test_cli import assert_one_line_error

LINE = re.compile(r"^Serving Shoes Example at http://127\.0\.0\.1:(\d+)/\n$")


@dataclass(frozen=True)
class Brand:
    keys_dir: Path
    keys: BrandKeys
    request_file: Path
    request: DataRequest


@pytest.fixture(scope="module")
def brand(tmp_path_factory: pytest.TempPathFactory) -> Brand:
    root = tmp_path_factory.mktemp("brand")
    keys = create_keys(root / "keys")
    jws = sign_spec(spec(), keys, now=int(time.time()) - 60)
    (root / "request.jws").write_text(jws + "\n")
    return Brand(root / "keys", keys, root / "request.jws", verify_request(jws, int(time.time())))


def zpv_brand(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brandkit", *args], capture_output=True, text=True,
        stdin=subprocess.DEVNULL, cwd=cwd, timeout=60,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )


def post_token(url: str, token: str) -> requests.Response:
    return requests.post(url + "zpd/grants", data=token, timeout=TIMEOUT,
                         headers={"Content-Type": "application/jwt"})


# -- serve ------------------------------------------------------------------------------


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_prints_its_line_receives_and_stops_cleanly(
    brand: Brand, tmp_path: Path, stop: signal.Signals
) -> None:
    db = tmp_path / "receiver.sqlite3"
    person = Person()
    with zpv_brand_serve("--keys", str(brand.keys_dir), "--request", str(brand.request_file),
                         "--db", str(db), directory=tmp_path) as served:
        assert LINE.match(served.line), served.line + served.stderr
        well_known = requests.get(served.url + ".well-known/zero-party-data", timeout=TIMEOUT)
        assert well_known.text == brand.request_file.read_text().strip()
        token = person.token(brand.request, iat=int(time.time()), jti="over-the-wire",
                             data={"shoe_size_eu": 43})
        response = post_token(served.url, token)
        assert response.status_code == 202, response.text
        zpd_receipt.verify(response.text, brand.keys.public_jwks()["keys"][0], issuer=ORIGIN,
                           audience=person.pseudonym, ack_jti="over-the-wire", status="stored",
                           now=int(time.time()))
        served.process.send_signal(stop)
        assert served.process.wait(TIMEOUT) == 0, served.stderr
        assert "Traceback" not in served.stderr
        assert served.process.stdout is not None
        assert served.process.stdout.read() == "", "one line on standard output, no more"
    assert not db.with_name(db.name + "-wal").exists(), "the database was closed cleanly"

    listed = zpv_brand("customers", "--db", str(db), "--json")
    assert listed.returncode == 0, listed.stderr
    (customer,) = json.loads(listed.stdout)
    assert customer["pseudonym"] == person.pseudonym
    (grant,) = customer["grants"]
    assert grant["fields"] == {"shoe_size_eu": 43}
    assert (grant["version"], grant["status"], grant["ask"]) == (1, "active", "fit-advice")


@pytest.mark.parametrize("verbose", [[], ["-v"]], ids=["quiet", "-v"])
def test_serve_logs_each_request_with_v_and_never_a_token(
    brand: Brand, tmp_path: Path, verbose: list[str]
) -> None:
    """`-v`: method, path (no query string), status and duration of each request on
    stderr; no body, so no token and no value. Without it, no such line."""
    person = Person()
    token = person.token(brand.request, iat=int(time.time()), data={"shoe_size_eu": 43.5})
    with zpv_brand_serve("--keys", str(brand.keys_dir), "--request", str(brand.request_file),
                         "--db", str(tmp_path / "r.sqlite3"), "--page", *verbose,
                         directory=tmp_path) as served:
        assert LINE.match(served.line), served.stderr
        page_token = served.stderr_match(r"token=([\w-]+)").group(1)
        assert post_token(served.url, token).status_code == 202
        assert requests.get(served.url + f"?token={page_token}", timeout=TIMEOUT).ok
        served.process.terminate()
        assert served.process.wait(TIMEOUT) == 0
        logged = served.stderr
    lines = re.findall(r"(?:POST|GET) /\S* \d{3} [\d.]+ ms", logged)
    if verbose:
        assert [line.rsplit(" ", 2)[0] for line in lines] == [
            "POST /zpd/grants 202", "GET / 200"], logged
    else:
        assert lines == [], logged
    assert token not in logged and max(token.split("."), key=len) not in logged
    assert logged.count(page_token) == 1, "only where serve announces the page"
    assert "43.5" not in logged


def test_serve_keeps_its_database_in_the_keys_directory_by_default(
    brand: Brand, tmp_path: Path
) -> None:
    with zpv_brand_serve("--keys", str(brand.keys_dir), "--request", str(brand.request_file),
                         directory=tmp_path) as served:
        assert LINE.match(served.line), served.stderr
        assert post_token(served.url, Person().token(brand.request, iat=int(time.time()))
                          ).status_code == 202
        served.process.terminate()
        assert served.process.wait(TIMEOUT) == 0
    db = brand.keys_dir / "zpd-receiver.sqlite3"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert not list(tmp_path.glob("*.sqlite3")), "nothing in the working directory"
    assert len(json.loads(zpv_brand("customers", "--db", f"sqlite:///{db}", "--json").stdout))


def test_serve_after_a_key_rotation_answers_each_vault_with_the_key_it_holds(
    brand: Brand, tmp_path: Path
) -> None:
    """The brand served with its first keys, then rotated: a vault still on the first keys
    gets its token opened and its receipts (for the token and for a pause) signed with them."""
    db = str(tmp_path / "receiver.sqlite3")
    with zpv_brand_serve("--keys", str(brand.keys_dir), "--request", str(brand.request_file),
                         "--db", db, directory=tmp_path) as served:
        assert LINE.match(served.line), served.stderr
    new_keys = create_keys(tmp_path / "new-keys")
    (tmp_path / "new.jws").write_text(sign_spec(spec(), new_keys, now=int(time.time()) - 60))
    person, now = Person(), int(time.time())
    with zpv_brand_serve("--keys", str(tmp_path / "new-keys"), "--retired-keys",
                         str(brand.keys_dir), "--request", str(tmp_path / "new.jws"),
                         "--db", db, directory=tmp_path) as served:
        assert LINE.match(served.line), served.stderr
        old_pinned = brand.keys.public_jwks()["keys"][0]
        stored = post_token(served.url, person.token(brand.request, iat=now, jti="old-key"))
        assert stored.status_code == 202, stored.text
        zpd_receipt.verify(stored.text, old_pinned, issuer=ORIGIN, audience=person.pseudonym,
                           ack_jti="old-key", status="stored", now=now)
        paused = requests.post(
            served.url + "zpd/events", timeout=TIMEOUT,
            data=person.grant_event("urn:zpd:event:grant-paused", jti="pause", iat=now),
            headers={"Content-Type": "application/secevent+jwt"})
        assert paused.status_code == 202, paused.text
        zpd_receipt.verify(paused.text, old_pinned, issuer=ORIGIN, audience=person.pseudonym,
                           ack_jti="pause", status="paused", now=now)


@pytest.mark.parametrize("options", [[], ["--no-page"]], ids=["default", "--no-page"])
def test_serve_has_no_page_unless_asked(
    brand: Brand, tmp_path: Path, options: list[str]
) -> None:
    with zpv_brand_serve("--keys", str(brand.keys_dir), "--request", str(brand.request_file),
                         "--db", str(tmp_path / "db"), *options, directory=tmp_path) as served:
        assert requests.get(served.url, timeout=TIMEOUT).status_code == 404
        served.process.terminate()
        assert served.process.wait(TIMEOUT) == 0
        assert "token" not in served.stderr


def test_serve_warns_when_the_page_token_would_travel_in_the_clear(
    brand: Brand, tmp_path: Path
) -> None:
    with zpv_brand_serve("--keys", str(brand.keys_dir), "--request", str(brand.request_file),
                         "--db", str(tmp_path / "db"), "--host", "0.0.0.0", "--page",
                         directory=tmp_path) as served:
        assert served.line.startswith("Serving Shoes Example at http://0.0.0.0:")
        served.process.terminate()
        assert served.process.wait(TIMEOUT) == 0
        assert "warning: the page's token travels unencrypted to 0.0.0.0" in served.stderr


def test_serve_on_ipv6_loopback_brackets_the_host(brand: Brand, tmp_path: Path) -> None:
    try:
        socket.socket(socket.AF_INET6).close()
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with zpv_brand_serve("--keys", str(brand.keys_dir), "--request", str(brand.request_file),
                         "--db", str(tmp_path / "db"), "--host", "::1",
                         directory=tmp_path) as served:
        assert re.match(r"^Serving Shoes Example at http://\[::1\]:\d+/$", served.line)
        assert requests.get(served.url + ".well-known/zero-party-data",
                            timeout=TIMEOUT).status_code == 200
        served.process.terminate()
        assert served.process.wait(TIMEOUT) == 0
        assert "warning" not in served.stderr, "::1 is loopback"


@pytest.mark.parametrize("port", ["-1", "65536"])
def test_serve_refuses_a_port_out_of_range(brand: Brand, tmp_path: Path, port: str) -> None:
    result = zpv_brand("serve", "--keys", str(brand.keys_dir), "--request",
                       str(brand.request_file), "--db", str(tmp_path / "db"), "--port", port)
    assert_one_line_error(result, 2, "--port must be between 0 and 65535")


def test_serve_refuses_a_port_in_use(brand: Brand, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = zpv_brand("serve", "--keys", str(brand.keys_dir), "--request",
                           str(brand.request_file), "--db", str(tmp_path / "db"),
                           "--port", str(port))
    assert_one_line_error(result, 3, f"cannot listen on 127.0.0.1:{port}")


def test_serve_refuses_another_brands_request(brand: Brand, tmp_path: Path) -> None:
    other = tmp_path / "other.jws"
    other.write_text(sign_spec(spec(), generate_keys(), now=int(time.time())))
    result = zpv_brand("serve", "--keys", str(brand.keys_dir), "--request", str(other),
                       "--db", str(tmp_path / "db"), "--port", "0")
    assert_one_line_error(result, 2, "not a request of this brand")
    assert not (tmp_path / "db").exists()


@pytest.mark.parametrize(
    ("db", "words"),
    [
        ("mysql://brand@localhost/zpd", ["unsupported database 'mysql'"]),
        ("sqlite://relative.db", ["a SQLite URL is sqlite:///PATH"]),
    ],
)
def test_serve_refuses_a_database_it_cannot_use(
    brand: Brand, tmp_path: Path, db: str, words: list[str]
) -> None:
    result = zpv_brand("serve", "--keys", str(brand.keys_dir), "--request",
                       str(brand.request_file), "--db", db, "--port", "0", cwd=tmp_path)
    assert_one_line_error(result, 3, *words)


def test_serve_on_postgresql_without_psycopg_is_one_line(brand: Brand) -> None:
    code = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from brandkit.cli import main\n"
        f"sys.exit(main(['serve', '--keys', {str(brand.keys_dir)!r}, '--request', "
        f"{str(brand.request_file)!r}, '--db', 'postgresql://brand@127.0.0.1:1/zpd']))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=PROJECT_ROOT, timeout=60)
    assert_one_line_error(result, 3, "PostgreSQL needs psycopg 3", "not installed")


# -- customers --------------------------------------------------------------------------


@pytest.fixture
def filled_db(tmp_path: Path, brand: Brand) -> tuple[Path, Person, Person]:
    """A receiver database: alice's two grants, one at version 2; bob's revoked."""
    db = tmp_path / "filled.sqlite3"
    storage = SqliteStorage(db)
    receiver = Receiver(brand.keys, storage, ORIGIN)
    receiver.register_issued_request(brand.request.jws, NOW)
    alice, bob = Person(), Person()
    receiver.receive_token(alice.token(brand.request, data={"shoe_size_eu": 42}), NOW)
    receiver.receive_token(alice.token(
        brand.request, version=2, data={"shoe_size_eu": 43, "favourite_colours": ["navy", "red"]}
    ), NOW + 1)
    receiver.receive_token(alice.token(brand.request, ask="newsletter", grant_id="alice-news",
                                       data={"preferred_name": "Ali\u202ece"}), NOW + 2)
    receiver.receive_token(bob.token(brand.request, ask="newsletter", grant_id="bob-news",
                                     data={"preferred_name": "Bob"}), NOW)
    receiver.receive_event(bob.revocation("bob-news", iat=NOW + DAY), NOW + DAY)
    storage.close()
    return db, alice, bob


def test_customers_json_lists_what_is_held(filled_db: tuple[Path, Person, Person]) -> None:
    db, alice, bob = filled_db
    result = zpv_brand("customers", "--db", str(db), "--json")
    assert result.returncode == 0, result.stderr
    listed = {c["pseudonym"]: c for c in json.loads(result.stdout)}
    assert set(listed) == {alice.pseudonym, bob.pseudonym}
    held, news = listed[alice.pseudonym]["grants"]
    assert news["fields"] == {"preferred_name": "Ali\u202ece"}
    assert held["fields"] == {"shoe_size_eu": 43, "favourite_colours": ["navy", "red"]}
    assert held["version"] == 2
    assert held["purpose"]["iri"] == "https://w3id.org/dpv#ServicePersonalisation"
    assert held["expires_at"] == NOW + 90 * DAY
    assert held["status"] == "expired"  # NOW + 90 days is behind us
    (gone,) = listed[bob.pseudonym]["grants"]
    assert (gone["status"], gone["fields"], gone["revoked_at"]) == ("revoked", {}, NOW + DAY)


def test_customers_text_lists_the_same(filled_db: tuple[Path, Person, Person]) -> None:
    db, alice, bob = filled_db
    result = zpv_brand("customers", "--db", str(db))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert alice.pseudonym in out and bob.pseudonym in out
    assert "version 2  expired 2026-04-01 00:00 UTC" in out
    assert "shoe_size_eu: 43" in out and "favourite_colours: navy, red" in out
    assert "purpose https://w3id.org/dpv#ServicePersonalisation (Recommend shoes that fit you)" \
        in out
    assert "revoked 2026-01-02 00:00 UTC: data deleted" in out
    assert "preferred_name: Ali\\u202ece" in out, "a bidi override is shown, not obeyed"
    assert "\u202e" not in out and "Bob" not in out
    assert out.rstrip().endswith("2 customers")


def test_customers_of_an_empty_database(tmp_path: Path) -> None:
    SqliteStorage(tmp_path / "empty.sqlite3").close()
    text = zpv_brand("customers", "--db", str(tmp_path / "empty.sqlite3"))
    assert text.stdout == "no customer has shared anything yet\n"
    as_json = zpv_brand("customers", "--db", str(tmp_path / "empty.sqlite3"), "--json")
    assert json.loads(as_json.stdout) == []


def test_customers_needs_an_existing_database(tmp_path: Path) -> None:
    result = zpv_brand("customers", "--db", str(tmp_path / "missing.sqlite3"))
    assert_one_line_error(result, 3, "no receiver database")
    assert not (tmp_path / "missing.sqlite3").exists()
