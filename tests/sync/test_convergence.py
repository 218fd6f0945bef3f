"""Convergence: two or three devices edit offline, a stand-in sync engine carries their
files in any order, late, twice, half-written or under conflict-copy names, and each
syncs when it likes. In the end every device holds the same rows, each field holds the
value of the last change captured (the model), and no value set anywhere is missing from
any device's history."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from tests.sync.devices import Setting, SharedClock, sealed_files
from tests.sync.state_of import synced_state
from vault.sync.codec import key_text
from zpd.fieldtypes import FieldType, Sensitivity

KEYS = ("diet", "x_note")
VALUES = {"diet": ("vegan", "vegetarian", "pescatarian"), "x_note": ("one", "two", "three")}
CONFLICT_NAMES = ("{stem} (conflicted copy 2026-12-06).zps",
                  "{stem}.sync-conflict-20261206-101010-ABCDEFG.zps", "{stem}-DESKTOP.zps")


class Convergence(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="zpv-sync-"))
        self.setting = Setting(self.root, SharedClock())
        self.model: dict[str, object] = {}
        self.written: dict[str, set[object]] = {k: set() for k in KEYS}
        self.seen: list[dict[str, object]] = []  # each device's rows after its last sync
        self.known: set[str] = set()
        self.in_flight: list[tuple[int, str, bytes]] = []  # (to device, name, bytes)

    @initialize(count=st.integers(2, 3))
    def devices(self, count: int) -> None:
        first = self.setting.first("d0")
        first.vault.fields.define("note", "Note", FieldType.TEXT, Sensitivity.PERSONAL)
        first.vault.sync.now()
        for index in range(1, count):
            self.setting.join(f"d{index}")
        self.setting.settle()
        for device in self.setting.devices:
            self.known.update(sealed_files(device.folder))
        self.seen = [self.rows(i) for i in range(count)]
        self.model = self.values(0)

    def values(self, index: int) -> dict[str, object]:
        fields = self.setting.devices[index].vault.fields
        return {key: fields.get(key) for key in KEYS}

    def rows(self, index: int) -> dict[str, object]:
        """Each key's row as it travels: a value set again, even to the value it had, is
        a later write (its time changes), and travels at the next sync."""
        travelling = synced_state(self.setting.devices[index].vault)["field_values"]
        return {key: travelling.get(key_text([key])) for key in KEYS}

    def device(self, data: st.DataObject) -> int:
        return data.draw(st.integers(0, len(self.setting.devices) - 1))

    @rule(data=st.data(), key=st.sampled_from(KEYS))
    def edit(self, data: st.DataObject, key: str) -> None:
        self.setting.clock.tick()
        index = self.device(data)
        fields = self.setting.devices[index].vault.fields
        if data.draw(st.booleans()):
            value = data.draw(st.sampled_from(VALUES[key]))
            fields.set(key, value)
            self.written[key].add(value)
        else:
            fields.clear(key)

    @rule(data=st.data())
    def sync(self, data: st.DataObject) -> None:
        self.setting.clock.tick()
        index = self.device(data)
        device = self.setting.devices[index]
        now = self.rows(index)
        for key in KEYS:  # captured at this sync, so the latest change everywhere
            if now[key] != self.seen[index][key]:
                self.model[key] = self.values(index)[key]
        device.vault.sync.now()
        self.seen[index] = self.rows(index)
        for name, raw in sealed_files(device.folder).items():
            if name.endswith(".zps") and name not in self.known:
                self.known.add(name)
                self.in_flight.extend(
                    (other, name, raw) for other in range(len(self.setting.devices))
                    if other != index
                )

    @precondition(lambda self: bool(self.in_flight))
    @rule(data=st.data(), how=st.sampled_from(["whole", "half", "conflict", "twice"]))
    def deliver(self, data: st.DataObject, how: str) -> None:
        self.setting.clock.tick()
        position = data.draw(st.integers(0, len(self.in_flight) - 1))
        target, name, raw = self.in_flight[position]
        folder = self.setting.devices[target].folder
        stem = name.removesuffix(".zps")
        if how == "half":  # stays in flight: the rest comes later
            (folder / name).write_bytes(raw[: data.draw(st.integers(0, len(raw) - 1))])
            return
        del self.in_flight[position]
        if how == "conflict":
            conflict = data.draw(st.sampled_from(CONFLICT_NAMES)).format(stem=stem)
            (folder / conflict).write_bytes(raw)
            return
        (folder / name).write_bytes(raw)
        if how == "twice":
            (folder / CONFLICT_NAMES[0].format(stem=stem)).write_bytes(raw)

    def teardown(self) -> None:
        try:
            if self.seen:
                self.check_the_end()
        finally:
            self.setting.close()
            shutil.rmtree(self.root, ignore_errors=True)

    def check_the_end(self) -> None:
        for index in range(len(self.setting.devices)):
            self.sync_device(index)
        for target, name, raw in self.in_flight:
            (self.setting.devices[target].folder / name).write_bytes(raw)
        self.setting.settle()
        states = [synced_state(d.vault) for d in self.setting.devices]
        assert all(state == states[0] for state in states[1:])
        for index, device in enumerate(self.setting.devices):
            assert self.values(index) == self.model
            assert device.vault.sync.status().refused == ()
            for key in KEYS:
                kept = {h.value for h in device.vault.fields.history(key)}
                assert self.written[key] <= kept, (key, self.written[key] - kept)

    def sync_device(self, index: int) -> None:
        self.setting.clock.tick()
        now = self.rows(index)
        for key in KEYS:
            if now[key] != self.seen[index][key]:
                self.model[key] = self.values(index)[key]
        self.setting.devices[index].vault.sync.now()
        self.seen[index] = self.rows(index)


Convergence.TestCase.settings = settings(
    max_examples=20, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestConvergence = Convergence.TestCase
