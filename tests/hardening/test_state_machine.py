"""A hypothesis state machine over the vault's life: field edits, share, update (by editing
a shared field), revoke, lock and unlock, passphrase change, restart, delivery; checked
after every step against a small model of what the vault and the brand should hold.

The brand is the brand kit's real receiver, reached in process through its web app
(tests/support/in_process.py; the HTTP path is the fault suite's and the delivery tests'
business); each example is a new vault, so a new pseudonym.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    precondition,
    rule,
)

from tests.support import specs
from tests.support.children import FULL
from tests.support.in_process import BrandsInProcess, in_process_brand
from tests.support.vaults import FAST_KDF
from vault.errors import FieldRequiredByGrant, GrantNotActive, ShareRefused, WrongPassphrase
from vault.storage import rollback
from vault.vault import Vault
from zpd import jose
from zpd.catalogue import BY_KEY

pytestmark = pytest.mark.slow

ORIGIN = "https://shoes.example"
# One brand for every example, reached in process; each example is another customer.
BRAND = in_process_brand(ORIGIN, asks=[specs.ask(fields=[specs.SHOE_SIZE, specs.COLOURS])])
RECEIVER, REQUEST = BRAND.made.receiver, BRAND.request()
PASSPHRASES = ("tulip lantern orbit 42", "saffron kettle meadow 7", "caf\u00e9 orbit 9 rivers")
SHOE = BY_KEY["shoe_size_eu"]
COLOURS = BY_KEY["favourite_colours"]


@dataclass
class ModelGrant:
    fields: list[str]
    version: int = 1
    status: str = "active"
    reached_brand: bool = False  # some version was delivered (so a revocation must follow)


@dataclass
class Model:
    values: dict[str, Any] = field(default_factory=dict)
    grants: dict[str, ModelGrant] = field(default_factory=dict)
    passphrase: str = PASSPHRASES[0]

    def data_of(self, grant: ModelGrant) -> dict[str, Any]:
        return {k: self.values[k] for k in grant.fields if k in self.values}


class VaultLife(RuleBasedStateMachine):
    grant_ids = Bundle("grant_ids")

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="zpv-machine-"))
        self.directory = self.tmp / "vault"
        self.model = Model()
        self.transport = BrandsInProcess()
        self.transport.add(BRAND)
        self.vault: Vault | None = None

    @initialize()
    def create(self) -> None:
        vault, _ = Vault.create(self.directory, self.model.passphrase, kdf=FAST_KDF)
        vault.brands.import_request(REQUEST)
        with vault._store.reading() as connection:
            from vault.exchange.tokens import pairwise_for

            self.pseudonym = jose.thumbprint_uri(pairwise_for(connection, ORIGIN))
        self._use(vault)

    def _use(self, vault: Vault) -> None:
        vault.delivery.transport = self.transport
        self.vault = vault

    @property
    def opened(self) -> Vault:
        assert self.vault is not None
        return self.vault

    def teardown(self) -> None:
        if self.vault is not None and not self.vault.is_locked:
            self.vault.lock()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- field edits (an edit of a shared field is a grant update) ---------------------------

    def _reissue(self, key: str) -> None:
        for grant in self.model.grants.values():
            if grant.status == "active" and key in grant.fields:
                grant.version += 1

    @rule(size=st.integers(30, 100).map(lambda n: n / 2))
    def set_shoe_size(self, size: float) -> None:
        value = SHOE.validate(size)
        if self.model.values.get("shoe_size_eu") != value:
            self._reissue("shoe_size_eu")
        self.model.values["shoe_size_eu"] = value
        assert self.opened.fields.set("shoe_size_eu", size) == value

    @rule(colours=st.lists(st.sampled_from(COLOURS.choices), min_size=1, max_size=3))
    def set_colours(self, colours: list[str]) -> None:
        value = COLOURS.validate(colours)
        if self.model.values.get("favourite_colours") != value:
            self._reissue("favourite_colours")
        self.model.values["favourite_colours"] = value
        assert self.opened.fields.set("favourite_colours", colours) == value

    @rule(key=st.sampled_from(["shoe_size_eu", "favourite_colours"]))
    def clear(self, key: str) -> None:
        required = [gid for gid, g in self.model.grants.items()
                    if g.status == "active" and key in g.fields and key == "shoe_size_eu"]
        if required:
            with pytest.raises(FieldRequiredByGrant) as caught:
                self.opened.fields.clear(key)
            assert sorted(caught.value.grant_ids) == sorted(required)
            return
        had = key in self.model.values
        if had:
            self._reissue(key)
            del self.model.values[key]
        assert self.opened.fields.clear(key) is had

    # -- grants ------------------------------------------------------------------------------

    @rule(target=grant_ids)
    def share(self) -> str:
        if "shoe_size_eu" not in self.model.values:
            with pytest.raises(ShareRefused) as caught:
                self.opened.grants.share(ORIGIN, "fit-advice")
            assert caught.value.reason == "no_value"
            return "none"
        result = self.opened.grants.share(ORIGIN, "fit-advice")
        fields: list[str] = [
            k for k in ("shoe_size_eu", "favourite_colours") if k in self.model.values
        ]
        self.model.grants[result.grant.id] = ModelGrant(fields)
        assert list(result.grant.fields) == fields
        return result.grant.id

    @rule(grant_id=consumes(grant_ids))
    def revoke(self, grant_id: str) -> None:
        if grant_id == "none":
            return
        grant = self.model.grants[grant_id]
        if grant.status != "active":
            with pytest.raises(GrantNotActive):
                self.opened.grants.revoke(grant_id)
            return
        self.opened.grants.revoke(grant_id)
        grant.status = "revoked"

    @rule(grant_id=grant_ids)
    def revoke_again(self, grant_id: str) -> None:
        """A grant id kept after its revocation: revoking it twice is refused."""
        if grant_id != "none" and self.model.grants[grant_id].status == "revoked":
            with pytest.raises(GrantNotActive):
                self.opened.grants.revoke(grant_id)

    # -- delivery ------------------------------------------------------------------------------

    @rule()
    def flush(self) -> None:
        report = self.opened.delivery.flush()
        assert report.failed == [] and report.retrying == []
        # Everything due was delivered (or never needed).
        assert self.opened.delivery.waiting() == []
        for grant in self.model.grants.values():
            if grant.status == "active":
                grant.reached_brand = True
        self._check_brand()

    def _check_brand(self) -> None:
        customer = RECEIVER.customer(self.pseudonym)
        held = {g.grant_id: g for g in customer.grants} if customer else {}
        for grant_id, grant in self.model.grants.items():
            if not grant.reached_brand:
                assert grant_id not in held, "a grant revoked before delivery is never sent"
                continue
            at_brand = held[grant_id]
            if grant.status == "active":
                assert (at_brand.status, at_brand.version) == ("active", grant.version)
                assert at_brand.fields == self.model.data_of(grant)
            else:
                assert at_brand.status == "revoked" and at_brand.fields == {}
        assert set(held) <= set(self.model.grants)

    # -- lock, passphrase, restart -----------------------------------------------------------

    @rule()
    def lock_and_unlock(self) -> None:
        self.opened.lock()
        self._use(Vault.unlock(self.directory, self.model.passphrase))

    @rule(new=st.sampled_from(PASSPHRASES))
    def change_passphrase(self, new: str) -> None:
        old = self.model.passphrase
        self.opened.change_passphrase(new)
        self.model.passphrase = new
        self.opened.lock()
        if old != new:
            with pytest.raises(WrongPassphrase):
                Vault.unlock(self.directory, old)
        self._use(Vault.unlock(self.directory, new))

    @rule()
    def restart(self) -> None:
        """The process ends without locking (everything acknowledged was committed)."""
        self.opened._store.close()
        self.opened._lock.release()
        self.vault = None
        self._use(Vault.unlock(self.directory, self.model.passphrase))

    @precondition(lambda self: self.vault is not None)
    @rule()
    def wrong_passphrase_changes_nothing(self) -> None:
        self.opened.lock()
        with pytest.raises(WrongPassphrase):
            Vault.unlock(self.directory, "not the passphrase at all 0")
        self._use(Vault.unlock(self.directory, self.model.passphrase))

    # -- what must hold after every step -------------------------------------------------------

    @invariant()
    def values_match(self) -> None:
        if self.vault is None:
            return
        for key in ("shoe_size_eu", "favourite_colours"):
            assert self.opened.fields.get(key) == self.model.values.get(key)

    @invariant()
    def grants_match(self) -> None:
        if self.vault is None:
            return
        actual = {g.id: (g.status.value, g.version) for g in self.opened.grants.listing()}
        assert actual == {gid: (g.status, g.version) for gid, g in self.model.grants.items()}
        for held in self.opened.grants.held_by(ORIGIN):
            grant = self.model.grants[held.grant.id]
            if grant.status == "active":
                assert held.data == self.model.data_of(grant)

    @invariant()
    def log_and_database_hold(self) -> None:
        if self.vault is None:
            return
        assert self.opened.audit.verify().ok
        assert self.opened.integrity_problems() == []
        head = rollback.remembered(self.opened._header.vault_id, self.directory)
        assert head is None or head.seq <= self.opened.audit.entries(limit=1)[0].seq


VaultLife.TestCase.settings = settings(
    max_examples=300 if FULL else 100,
    stateful_step_count=50 if FULL else 40,
    deadline=None,
)
test_vault_life = VaultLife.TestCase
