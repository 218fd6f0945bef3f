"""Words for the activity log: what each action means, its details, and the chain's check."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from vault.profile.audit import AuditEntry, AuditReport, Tamper
from zpd.catalogue import BY_KEY
from zpd.fieldtypes import FieldType

from ..widgets import brand_text
from .field_words import field_label, type_name
from .when import local_time

GRANT_ID_SHOWN = 8  # characters of a grant's id, enough to find it on the Shared page

# Filter name -> the action prefixes it shows ("" is everything).
FILTERS: dict[str, tuple[str, ...]] = {
    "all": ("",),
    "fields": ("field.",),
    "brands": ("brand.", "request."),
    "grants": ("grant.",),
    "deliveries": ("delivery.",),
    "backups": ("vault.backed_up", "vault.exported", "vault.restored"),
}


def filter_name(name: str) -> str:
    names = {
        "all": QCoreApplication.translate("ActivityWords", "All activity"),
        "fields": QCoreApplication.translate("ActivityWords", "My data"),
        "brands": QCoreApplication.translate("ActivityWords", "Brands"),
        "grants": QCoreApplication.translate("ActivityWords", "Grants"),
        "deliveries": QCoreApplication.translate("ActivityWords", "Deliveries"),
        "backups": QCoreApplication.translate("ActivityWords", "Backups and exports"),
    }
    return names.get(name, name)


def action_text(action: str) -> str:
    """What happened, in a few words; an action this version does not know shows its code."""
    words = {
        "vault.created": QCoreApplication.translate("ActivityWords", "Vault created"),
        "field.set": QCoreApplication.translate("ActivityWords", "Value changed"),
        "field.cleared": QCoreApplication.translate("ActivityWords", "Value cleared"),
        "field.defined": QCoreApplication.translate("ActivityWords", "Field added"),
        "request.imported": QCoreApplication.translate("ActivityWords", "Brand request imported"),
        "brand.keys_replaced": QCoreApplication.translate(
            "ActivityWords", "Brand's keys replaced"
        ),
        "grant.created": QCoreApplication.translate("ActivityWords", "Shared with a brand"),
        "grant.updated": QCoreApplication.translate("ActivityWords", "Shared data updated"),
        "grant.revoked": QCoreApplication.translate("ActivityWords", "Grant revoked"),
        "grant.expired": QCoreApplication.translate("ActivityWords", "Grant expired"),
        "delivery.grant_delivered": QCoreApplication.translate(
            "ActivityWords", "Data delivered to brand"
        ),
        "delivery.revocation_delivered": QCoreApplication.translate(
            "ActivityWords", "Revocation delivered"
        ),
        "delivery.refused": QCoreApplication.translate("ActivityWords", "Brand refused delivery"),
        "vault.exported": QCoreApplication.translate("ActivityWords", "Data exported"),
        "vault.backed_up": QCoreApplication.translate("ActivityWords", "Backup made"),
        "vault.restored": QCoreApplication.translate("ActivityWords", "Restored from backup"),
        "vault.rollback_accepted": QCoreApplication.translate(
            "ActivityWords", "Older copy opened on purpose"
        ),
        "vault.passphrase_changed": QCoreApplication.translate(
            "ActivityWords", "Passphrase changed; vault re-encrypted"
        ),
        "vault.recovery_code_renewed": QCoreApplication.translate(
            "ActivityWords", "New recovery code; vault re-encrypted"
        ),
        "alias.created": QCoreApplication.translate("ActivityWords", "Email alias given"),
        "aliases.enabled": QCoreApplication.translate("ActivityWords", "Email aliases on"),
        "aliases.disabled": QCoreApplication.translate("ActivityWords", "Email aliases off"),
    }
    return words.get(action, action)


def known_actions() -> list[str]:
    return [action_text(a) for a in (
        "vault.created", "field.set", "field.cleared", "field.defined", "request.imported",
        "brand.keys_replaced", "grant.created", "grant.updated", "grant.revoked",
        "grant.expired", "delivery.grant_delivered", "delivery.revocation_delivered",
        "delivery.refused", "vault.exported", "vault.backed_up", "vault.restored",
        "vault.rollback_accepted", "vault.passphrase_changed", "vault.recovery_code_renewed",
        "alias.created", "aliases.enabled", "aliases.disabled",
    )]


def short_grant(grant_id: object) -> str:
    return str(grant_id)[:GRANT_ID_SHOWN]


def label_of(key: object, custom_labels: dict[str, str]) -> str:
    key = str(key)
    if key in BY_KEY:
        return field_label(BY_KEY[key])
    return custom_labels.get(key, key)


def details_text(entry: AuditEntry, custom_labels: dict[str, str]) -> str:
    """The entry's details in words: field names, the brand, a grant's id prefix."""
    d: dict[str, Any] = entry.details
    if d.get("unreadable"):
        return QCoreApplication.translate("ActivityWords", "The details cannot be read.")
    action = entry.action
    brand = brand_text(str(d.get("brand", "")))
    grant = short_grant(d.get("grant", ""))
    if action in ("field.set", "field.cleared"):
        return label_of(d.get("field", ""), custom_labels)
    if action == "field.defined":
        try:
            kind = type_name(FieldType(str(d.get("type"))))
        except ValueError:
            kind = str(d.get("type", ""))
        return QCoreApplication.translate("ActivityWords", "{0} ({1})").format(
            label_of(d.get("field", ""), custom_labels), kind
        )
    if action == "request.imported":
        return _imported(brand, str(d.get("source", "")), bool(d.get("domain_verified")))
    if action == "brand.keys_replaced":
        if d.get("reason") == "domain_verified":
            return QCoreApplication.translate(
                "ActivityWords",
                "{0}: keys from a file or pasted text replaced by the ones its web address "
                "serves",
            ).format(brand)
        return QCoreApplication.translate("ActivityWords", "{0}: new keys accepted").format(brand)
    if action == "grant.created":
        listed = d.get("fields")
        fields: list[object] = listed if isinstance(listed, list) else []
        names = QCoreApplication.translate("ActivityWords", ", ").join(
            label_of(k, custom_labels) for k in fields
        )
        return QCoreApplication.translate(
            "ActivityWords", "{0}, grant {1}: {2}; for {3} days"
        ).format(brand, grant, names, d.get("days", "?"))
    if action == "grant.updated":
        return QCoreApplication.translate(
            "ActivityWords", "Grant {0}, version {1}: {2} changed"
        ).format(grant, d.get("version", "?"), label_of(d.get("field", ""), custom_labels))
    if action == "grant.revoked":
        return QCoreApplication.translate("ActivityWords", "{0}, grant {1}").format(brand, grant)
    if action == "grant.expired":
        return QCoreApplication.translate("ActivityWords", "Grant {0}").format(grant)
    if action in ("delivery.grant_delivered", "delivery.revocation_delivered"):
        receipt = d.get("receipt")
        if receipt:
            return QCoreApplication.translate(
                "ActivityWords", "Grant {0}; the brand's receipt says “{1}”"
            ).format(grant, brand_text(str(receipt)))
        return QCoreApplication.translate("ActivityWords", "Grant {0}; no receipt").format(grant)
    if action == "delivery.refused":
        return QCoreApplication.translate("ActivityWords", "Grant {0}: {1}").format(
            grant, brand_text(str(d.get("reason", "")))
        )
    if action.startswith("vault."):
        return ""
    return brand_text("; ".join(f"{k}: {v}" for k, v in sorted(d.items())))


def _imported(brand: str, source: str, verified: bool) -> str:
    if source == "web" and verified:
        return QCoreApplication.translate(
            "ActivityWords", "{0}, fetched from its website (domain verified)"
        ).format(brand)
    if source == "text":
        return QCoreApplication.translate("ActivityWords", "{0}, from pasted text").format(brand)
    return QCoreApplication.translate("ActivityWords", "{0}, from a file").format(brand)


def verify_text(
    report: AuditReport, problems: list[str], entry: AuditEntry | None,
    custom_labels: dict[str, str] | None = None,
) -> tuple[bool, str]:
    """(all well, the words for it). `entry` is the first bad entry when it is at hand."""
    if report.ok and not problems:
        return True, QCoreApplication.translate(
            "ActivityWords", "Intact: {0} entries checked, database sound."
        ).format(report.entries_checked)
    if report.ok:
        return False, QCoreApplication.translate(
            "ActivityWords",
            "The activity chain is intact ({0} entries checked), but the database check "
            "found damage: {1}. Restore the vault from a backup.",
        ).format(report.entries_checked, problems[0])
    seq = report.first_bad_seq
    checked = report.entries_checked
    if report.problem is Tamper.EDITED:
        text = QCoreApplication.translate(
            "ActivityWords",
            "Broken at entry {0}: it was changed after it was written. "
            "The {1} entries before it are intact.",
        ).format(seq, checked)
    elif report.problem is Tamper.LINK_BROKEN:
        text = QCoreApplication.translate(
            "ActivityWords",
            "Broken at entry {0}: the entry before it was removed, replaced or moved. "
            "The {1} entries before that are intact.",
        ).format(seq, checked)
    else:
        text = QCoreApplication.translate(
            "ActivityWords",
            "Broken at entry {0}: it is missing; entries were removed, or cut off the end "
            "of the log. The {1} entries before it are intact.",
        ).format(seq, checked)
    if entry is not None:
        details = details_text(entry, custom_labels or {})
        if details:
            text += " " + QCoreApplication.translate(
                "ActivityWords", "Entry {0} now reads “{1}: {2}”, dated {3}."
            ).format(entry.seq, action_text(entry.action), details, local_time(entry.at))
        else:
            text += " " + QCoreApplication.translate(
                "ActivityWords", "Entry {0} now reads “{1}”, dated {2}."
            ).format(entry.seq, action_text(entry.action), local_time(entry.at))
    if problems:
        text += " " + QCoreApplication.translate(
            "ActivityWords", "The database check also found damage: {0}."
        ).format(problems[0])
    return False, text
