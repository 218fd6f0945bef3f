"""The person's values: set, get, clear, history, custom fields, and one audit entry per change."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import sqlcipher3

from tests.support.vaults import MadeVault
from vault.errors import InvalidFieldDefinition, InvalidValue, UnknownField
from vault.profile.fields import HistoryEntry
from vault.vault import Vault
from zpd.catalogue import CATALOGUE
from zpd.fieldtypes import Category, FieldType, JsonValue, Sensitivity


class Ticker:
    """A clock that moves one second per reading, so every change has its own time."""

    def __init__(self, start: int = 1_700_000_000) -> None:
        self.now = start

    def __call__(self) -> int:
        self.now += 1
        return self.now


@pytest.fixture
def clocked(made_vault: MadeVault) -> Iterator[Vault]:
    opened = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=Ticker())
    yield opened
    if not opened.is_locked:
        opened.lock()


def audit_count(vault: Vault) -> int:
    row = vault._store.query_one("SELECT count(*) FROM audit")
    assert row is not None
    return int(row[0])


def history_count(vault: Vault) -> int:
    row = vault._store.query_one("SELECT count(*) FROM field_history")
    assert row is not None
    return int(row[0])


def snapshot(vault: Vault) -> tuple[int, int, list[tuple[object, ...]]]:
    return (
        audit_count(vault),
        history_count(vault),
        vault._store.query("SELECT key, value, updated_at FROM field_values ORDER BY key"),
    )


# -- set, get, clear ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key,value,stored",
    [
        ("preferred_name", " Ana ", "Ana"),
        ("country", "gr", "GR"),
        ("shoe_size_eu", 40.5, 40.5),
        ("household_size", 3.0, 3),
        ("diet", "vegan", "vegan"),
        ("pets", ["cat", "dog"], ["dog", "cat"]),
        ("birthday", "02-29", "02-29"),
        ("has_garden", False, False),
    ],
)
def test_set_returns_and_stores_the_canonical_value(
    vault: Vault, key: str, value: object, stored: JsonValue
) -> None:
    assert vault.fields.get(key) is None
    assert vault.fields.set(key, value) == stored
    assert vault.fields.get(key) == stored
    assert type(vault.fields.get(key)) is type(stored)


def test_values_survive_lock_and_unlock(made_vault: MadeVault) -> None:
    with made_vault.unlock() as vault:
        vault.fields.set("diet", "vegan")
        vault.fields.set("pets", ["dog"])
        vault.fields.set("has_garden", True)
    with made_vault.unlock() as vault:
        assert vault.fields.get("diet") == "vegan"
        assert vault.fields.get("pets") == ["dog"]
        assert vault.fields.get("has_garden") is True


def test_set_replaces_the_previous_value(vault: Vault) -> None:
    vault.fields.set("diet", "vegan")
    vault.fields.set("diet", "omnivore")
    assert vault.fields.get("diet") == "omnivore"


def test_set_from_text_parses_then_stores(vault: Vault) -> None:
    assert vault.fields.set_from_text("pets", "cat, dog") == ["dog", "cat"]
    assert vault.fields.set_from_text("shoe_size_eu", "41") == 41
    assert vault.fields.get("pets") == ["dog", "cat"]


def test_clear_removes_the_value(vault: Vault) -> None:
    vault.fields.set("diet", "vegan")
    assert vault.fields.clear("diet") is True
    assert vault.fields.get("diet") is None
    assert {f.definition.key: f.value for f in vault.fields.all()}["diet"] is None


def test_clearing_an_unset_field_returns_false_and_records_nothing(vault: Vault) -> None:
    before = snapshot(vault)
    assert vault.fields.clear("diet") is False
    assert snapshot(vault) == before
    assert vault.fields.history("diet") == []


def test_clearing_twice_records_once(vault: Vault) -> None:
    vault.fields.set("diet", "vegan")
    audits = audit_count(vault)
    assert vault.fields.clear("diet") is True
    assert vault.fields.clear("diet") is False
    assert audit_count(vault) == audits + 1
    assert [e.value for e in vault.fields.history("diet")] == ["vegan", None]


def test_fields_lists_the_whole_catalogue_with_values(clocked: Vault) -> None:
    clocked.fields.set("diet", "vegan")
    rows = clocked.fields.all()
    assert [r.definition.key for r in rows] == [f.key for f in CATALOGUE]
    by_key = {r.definition.key: r for r in rows}
    assert by_key["diet"].value == "vegan"
    assert by_key["diet"].updated_at == clocked.fields.history("diet")[-1].changed_at
    assert by_key["pets"].value is None and by_key["pets"].updated_at is None


# -- history --------------------------------------------------------------------------------


def test_history_records_each_change_and_clear_in_order(clocked: Vault) -> None:
    clocked.fields.set("diet", "vegan")
    clocked.fields.set("diet", "vegetarian")
    clocked.fields.clear("diet")
    clocked.fields.set("diet", "omnivore")
    clocked.fields.set("pets", ["cat"])  # another field's history stays separate
    history = clocked.fields.history("diet")
    assert [e.value for e in history] == ["vegan", "vegetarian", None, "omnivore"]
    times = [e.changed_at for e in history]
    assert times == sorted(times) and len(set(times)) == len(times)
    assert clocked.fields.history("pets") == [HistoryEntry(times[-1] + 1, ["cat"])]


def test_history_keeps_canonical_values(vault: Vault) -> None:
    vault.fields.set("pets", ["cat", "dog", "cat"])
    vault.fields.set("household_size", 2.0)
    assert [e.value for e in vault.fields.history("pets")] == [["dog", "cat"]]
    assert vault.fields.history("household_size")[0].value == 2


def test_history_of_a_field_never_set_is_empty(vault: Vault) -> None:
    assert vault.fields.history("pets") == []


@pytest.mark.parametrize(
    "key,first,again",
    [
        ("diet", "vegan", "vegan"),
        ("pets", ["dog", "cat"], ["cat", "dog", "dog"]),
        ("household_size", 2, 2.0),
        ("preferred_name", "Ana", "  Ana "),
        ("country", "GR", "gr"),
        ("has_garden", True, True),
    ],
)
def test_setting_the_same_value_again_adds_no_history_or_audit(
    vault: Vault, key: str, first: object, again: object
) -> None:
    vault.fields.set(key, first)
    before = snapshot(vault)
    assert vault.fields.set(key, again) == vault.fields.get(key)
    assert snapshot(vault) == before
    assert len(vault.fields.history(key)) == 1


# -- one audit entry per change, in the same transaction ------------------------------------


def test_each_change_appends_exactly_one_audit_entry(vault: Vault) -> None:
    start = audit_count(vault)
    vault.fields.set("diet", "vegan")
    assert audit_count(vault) == start + 1
    vault.fields.set("diet", "vegetarian")
    assert audit_count(vault) == start + 2
    vault.fields.clear("diet")
    assert audit_count(vault) == start + 3
    vault.fields.define("shirt_brand", "Shirt brand", FieldType.TEXT, Sensitivity.LOW)
    assert audit_count(vault) == start + 4
    vault.fields.set("x_shirt_brand", "Acme")
    assert audit_count(vault) == start + 5
    newest = vault.audit.entries(limit=5)
    assert [(e.action, e.details) for e in reversed(newest)] == [
        ("field.set", {"field": "diet"}),
        ("field.set", {"field": "diet"}),
        ("field.cleared", {"field": "diet"}),
        ("field.defined", {"field": "x_shirt_brand", "type": "text"}),
        ("field.set", {"field": "x_shirt_brand"}),
    ]
    assert vault.audit.verify().ok


def test_audit_entries_never_hold_the_value(vault: Vault) -> None:
    vault.fields.set("preferred_name", "Canary Zebra")
    rows = vault._store.query("SELECT action, details FROM audit")
    assert not [r for r in rows if "Canary" in str(r)]


def fail_inserts_into(vault: Vault, table: str) -> None:
    """A temporary trigger that aborts any insert into `table`, as a failing disk would."""
    vault._store.connection.execute(
        f"CREATE TEMP TRIGGER fail_{table} BEFORE INSERT ON main.{table} "
        "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
    )


Change = Callable[[Vault], object]
CHANGES: dict[str, Change] = {
    "set": lambda v: v.fields.set("diet", "vegetarian"),
    "clear": lambda v: v.fields.clear("diet"),
    "define": lambda v: v.fields.define("car", "Car", FieldType.TEXT, Sensitivity.LOW),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
@pytest.mark.parametrize("table", ["audit", "field_history"])
def test_a_change_and_its_audit_entry_land_together_or_not_at_all(
    vault: Vault, change: str, table: str
) -> None:
    vault.fields.set("diet", "vegan")
    before = snapshot(vault)
    customs = vault._store.query("SELECT * FROM custom_fields")
    if change == "define" and table == "field_history":
        table = "custom_fields"
    fail_inserts_into(vault, table)
    with pytest.raises(sqlcipher3.IntegrityError, match="injected failure"):
        CHANGES[change](vault)
    assert snapshot(vault) == before
    assert vault._store.query("SELECT * FROM custom_fields") == customs
    assert vault.fields.get("diet") == "vegan"
    assert vault.audit.verify().ok
    # The connection is usable afterwards: no transaction was left open.
    vault._store.connection.execute(f"DROP TRIGGER temp.fail_{table}")
    CHANGES[change](vault)
    assert audit_count(vault) == before[0] + 1


# -- failures change nothing ----------------------------------------------------------------


@pytest.mark.parametrize(
    "key,value",
    [
        ("diet", "carnivore"),
        ("pets", []),
        ("pets", ["dragon"]),
        ("shoe_size_eu", 99),
        ("shoe_size_eu", float("nan")),
        ("household_size", True),
        ("birthday", "02-30"),
        ("preferred_name", "x" * 501),
        ("preferred_name", "bad\x1bname"),
        ("email", "not-an-address"),
        ("has_garden", "yes"),
    ],
)
def test_a_failed_validation_changes_nothing(vault: Vault, key: str, value: object) -> None:
    vault.fields.set("diet", "vegan")
    before = snapshot(vault)
    history_before = vault.fields.history(key)
    with pytest.raises(InvalidValue) as caught:
        vault.fields.set(key, value)
    assert caught.value.key == key
    assert snapshot(vault) == before
    assert vault.fields.history(key) == history_before
    assert vault.fields.get("diet") == "vegan"


def test_bad_command_line_text_changes_nothing(vault: Vault) -> None:
    before = snapshot(vault)
    with pytest.raises(InvalidValue):
        vault.fields.set_from_text("shoe_size_eu", "forty")
    assert snapshot(vault) == before


@pytest.mark.parametrize("key", ["no_such_field", "x_not_defined", "", "DIET", "diet "])
def test_unknown_field_raises_for_every_operation(vault: Vault, key: str) -> None:
    before = snapshot(vault)
    operations: list[Callable[[], object]] = [
        lambda: vault.fields.get(key),
        lambda: vault.fields.set(key, "vegan"),
        lambda: vault.fields.set_from_text(key, "vegan"),
        lambda: vault.fields.clear(key),
        lambda: vault.fields.history(key),
        lambda: vault.fields.definition(key),
    ]
    for operation in operations:
        with pytest.raises(UnknownField) as caught:
            operation()
        assert caught.value.key == key
    assert snapshot(vault) == before


# -- custom fields --------------------------------------------------------------------------


def test_define_a_custom_text_field_then_use_it(vault: Vault) -> None:
    field = vault.fields.define(
        "shirt_brand", " Shirt brand ", FieldType.TEXT, Sensitivity.LOW
    )
    assert field.key == "x_shirt_brand"
    assert field.label == "Shirt brand"
    assert field.category is Category.CUSTOM and field.custom
    assert vault.fields.definition("x_shirt_brand") == field
    assert vault.fields.set("x_shirt_brand", "  Acme ") == "Acme"
    assert vault.fields.get("x_shirt_brand") == "Acme"
    assert [e.value for e in vault.fields.history("x_shirt_brand")] == ["Acme"]
    assert vault.fields.clear("x_shirt_brand") is True


def test_an_x_prefixed_key_is_not_prefixed_twice(vault: Vault) -> None:
    assert vault.fields.define("x_car", "Car", FieldType.TEXT, Sensitivity.LOW).key == "x_car"


def test_custom_choice_fields_validate_against_their_choices(vault: Vault) -> None:
    vault.fields.define(
        "team", "Team", FieldType.CHOICE, Sensitivity.LOW, (" red ", "blue", "red", "")
    )
    assert vault.fields.definition("x_team").choices == ("red", "blue")
    assert vault.fields.set("x_team", "blue") == "blue"
    with pytest.raises(InvalidValue):
        vault.fields.set("x_team", "green")
    vault.fields.define("tags", "Tags", FieldType.MULTI_CHOICE, Sensitivity.LOW, ("a", "b"))
    assert vault.fields.set("x_tags", ["b", "a", "b"]) == ["a", "b"]
    with pytest.raises(InvalidValue):
        vault.fields.set("x_tags", ["c"])


def test_custom_fields_of_each_plain_type(vault: Vault) -> None:
    vault.fields.define("height", "Height", FieldType.NUMBER, Sensitivity.PERSONAL)
    vault.fields.define("anniversary", "Anniversary", FieldType.DATE, Sensitivity.PERSONAL)
    vault.fields.define("newsletter", "Newsletter", FieldType.BOOLEAN, Sensitivity.LOW)
    assert vault.fields.set("x_height", 172.5) == 172.5
    assert vault.fields.set("x_anniversary", "2020-02-29") == "2020-02-29"
    assert vault.fields.set("x_newsletter", True) is True
    for key, bad in (("x_height", "tall"), ("x_anniversary", "2021-02-29"), ("x_newsletter", 1)):
        with pytest.raises(InvalidValue):
            vault.fields.set(key, bad)


def test_custom_fields_appear_last_in_fields_in_category_custom(vault: Vault) -> None:
    vault.fields.define("car", "Car", FieldType.TEXT, Sensitivity.LOW)
    vault.fields.define("faith_group", "Faith group", FieldType.TEXT, Sensitivity.SPECIAL)
    vault.fields.set("x_car", "Blue van")
    rows = vault.fields.all()
    assert len(rows) == len(CATALOGUE) + 2
    custom = rows[len(CATALOGUE) :]
    assert [r.definition.key for r in custom] == ["x_car", "x_faith_group"]
    assert all(r.definition.category is Category.CUSTOM for r in custom)
    assert custom[0].value == "Blue van" and custom[1].value is None
    assert custom[1].definition.sensitivity is Sensitivity.SPECIAL


def test_custom_fields_survive_lock_and_unlock(made_vault: MadeVault) -> None:
    with made_vault.unlock() as vault:
        vault.fields.define("team", "Team", FieldType.CHOICE, Sensitivity.LOW, ("a", "b"))
        vault.fields.set("x_team", "b")
    with made_vault.unlock() as vault:
        assert vault.fields.definition("x_team").choices == ("a", "b")
        assert vault.fields.get("x_team") == "b"


@pytest.mark.parametrize(
    "key", ["", "x_", "Has Caps", "with space", "dash-key", "naïve", "a" * 41, "x_" + "a" * 41]
)
def test_bad_custom_keys_are_refused(vault: Vault, key: str) -> None:
    before = snapshot(vault)
    with pytest.raises(InvalidFieldDefinition, match="key"):
        vault.fields.define(key, "Label", FieldType.TEXT, Sensitivity.LOW)
    assert snapshot(vault) == before
    assert len(vault.fields.all()) == len(CATALOGUE)


@pytest.mark.parametrize(
    "label", ["", "   ", "x" * 81, "Red\x1b[31m", "two\nlines", "b\x07", "not utf-8 \udcff"]
)
def test_bad_custom_labels_are_refused(vault: Vault, label: str) -> None:
    with pytest.raises(InvalidFieldDefinition, match="label"):
        vault.fields.define("car", label, FieldType.TEXT, Sensitivity.LOW)


def test_a_duplicate_custom_field_is_refused_and_the_first_kept(vault: Vault) -> None:
    vault.fields.define("car", "Car", FieldType.TEXT, Sensitivity.LOW)
    before = snapshot(vault)
    with pytest.raises(InvalidFieldDefinition, match="exists"):
        vault.fields.define("x_car", "Other", FieldType.NUMBER, Sensitivity.SPECIAL)
    assert snapshot(vault) == before
    assert vault.fields.definition("x_car").type is FieldType.TEXT
    assert vault.fields.definition("x_car").label == "Car"


@pytest.mark.parametrize(
    "type_,choices",
    [
        (FieldType.CHOICE, ()),
        (FieldType.CHOICE, (" ", "")),
        (FieldType.MULTI_CHOICE, ()),
        (FieldType.MULTI_CHOICE, tuple(f"c{i}" for i in range(51))),
        (FieldType.TEXT, ("a",)),
        (FieldType.NUMBER, ("1", "2")),
        (FieldType.BOOLEAN, ("yes",)),
        (FieldType.CHOICE, ("ok", "esc\x1b[2J")),
        (FieldType.MULTI_CHOICE, ("ok", "line\nbreak")),
        (FieldType.CHOICE, ("ok", "not utf-8 \udcff")),
    ],
)
def test_choices_rules(vault: Vault, type_: FieldType, choices: tuple[str, ...]) -> None:
    before = snapshot(vault)
    with pytest.raises(InvalidFieldDefinition, match="choices"):
        vault.fields.define("thing", "Thing", type_, Sensitivity.LOW, choices)
    assert snapshot(vault) == before
    with pytest.raises(UnknownField):
        vault.fields.definition("x_thing")


def test_fifty_custom_choices_are_allowed(vault: Vault) -> None:
    choices = tuple(f"c{i}" for i in range(50))
    field = vault.fields.define(
        "many", "Many", FieldType.MULTI_CHOICE, Sensitivity.LOW, choices
    )
    assert field.choices == choices


def test_a_custom_key_cannot_shadow_a_catalogue_field(vault: Vault) -> None:
    field = vault.fields.define("diet", "My diet", FieldType.TEXT, Sensitivity.LOW)
    assert field.key == "x_diet"
    assert vault.fields.definition("diet").category is Category.FOOD
