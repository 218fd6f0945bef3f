"""Words for the activity log: what each action means, its details, and the chain's check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, assert_never
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from vault.profile.audit import AuditAction, AuditEntry, AuditReport, Tamper
from zpd.catalogue import BY_KEY
from zpd.fieldtypes import FieldType

from . import time
from .fields import field_label, type_name
from .text import brand_text


@dataclass(frozen=True)
class SharedWith:
    """The brand a share (a grant) went to, as the vault knows it now."""

    brand_name: str
    brand_origin: str


# Filter name -> the action prefixes it shows ("" is everything).
FILTERS: dict[str, tuple[str, ...]] = {
    "all": ("",),
    "fields": ("field.", "answer."),
    "brands": ("brand.", "request."),
    "grants": ("grant.",),  # shares, in the person's words
    "deliveries": ("delivery.",),
    "backups": ("vault.backed_up", "vault.exported", "vault.restored"),
}


def filter_name(name: str) -> str:
    names = {
        "all": QCoreApplication.translate("ActivityWords", "All activity"),
        "fields": QCoreApplication.translate("ActivityWords", "My data"),
        "brands": QCoreApplication.translate("ActivityWords", "Brands"),
        "grants": QCoreApplication.translate("ActivityWords", "Shares"),
        "deliveries": QCoreApplication.translate("ActivityWords", "Deliveries"),
        "backups": QCoreApplication.translate("ActivityWords", "Backups and exports"),
    }
    return names.get(name, name)


def action_text(action: str) -> str:
    """What happened, in a few words; an action this version does not know shows its code."""
    try:
        known = AuditAction(action)
    except ValueError:
        return action
    return action_words(known)


def action_words(action: AuditAction) -> str:
    match action:
        case AuditAction.VAULT_CREATED:
            return QCoreApplication.translate("ActivityWords", "Vault created")
        case AuditAction.FIELD_SET:
            return QCoreApplication.translate("ActivityWords", "Value changed")
        case AuditAction.FIELD_CLEARED:
            return QCoreApplication.translate("ActivityWords", "Value cleared")
        case AuditAction.FIELD_DEFINED:
            return QCoreApplication.translate("ActivityWords", "Field added")
        case AuditAction.ANSWER_SET:
            return QCoreApplication.translate("ActivityWords", "Answer to a brand changed")
        case AuditAction.ANSWER_CLEARED:
            return QCoreApplication.translate("ActivityWords", "Answer to a brand forgotten")
        case AuditAction.REQUEST_IMPORTED:
            return QCoreApplication.translate("ActivityWords", "Brand request imported")
        case AuditAction.BRAND_KEYS_REPLACED:
            return QCoreApplication.translate("ActivityWords", "Brand's keys replaced")
        case AuditAction.GRANT_CREATED:
            return QCoreApplication.translate("ActivityWords", "Shared with a brand")
        case AuditAction.GRANT_UPDATED:
            return QCoreApplication.translate("ActivityWords", "Shared data updated")
        case AuditAction.GRANT_REVOKED:
            return QCoreApplication.translate("ActivityWords", "Share revoked")
        case AuditAction.GRANT_EXPIRED:
            return QCoreApplication.translate("ActivityWords", "Share expired")
        case AuditAction.GRANT_DELIVERED:
            return QCoreApplication.translate("ActivityWords", "Data delivered to brand")
        case AuditAction.REVOCATION_DELIVERED:
            return QCoreApplication.translate("ActivityWords", "Revocation delivered")
        case AuditAction.GRANT_PAUSED:
            return QCoreApplication.translate("ActivityWords", "Share paused")
        case AuditAction.GRANT_RESUMED:
            return QCoreApplication.translate("ActivityWords", "Share resumed")
        case AuditAction.PAUSE_DELIVERED:
            return QCoreApplication.translate("ActivityWords", "Pause delivered")
        case AuditAction.RESUME_DELIVERED:
            return QCoreApplication.translate("ActivityWords", "Resume delivered")
        case AuditAction.DELIVERY_REFUSED:
            return QCoreApplication.translate("ActivityWords", "Brand refused delivery")
        case AuditAction.VAULT_EXPORTED:
            return QCoreApplication.translate("ActivityWords", "Data exported")
        case AuditAction.VAULT_BACKED_UP:
            return QCoreApplication.translate("ActivityWords", "Backup made")
        case AuditAction.VAULT_RESTORED:
            return QCoreApplication.translate("ActivityWords", "Restored from backup")
        case AuditAction.VAULT_ROLLBACK_ACCEPTED:
            return QCoreApplication.translate("ActivityWords", "Older copy opened on purpose")
        case AuditAction.VAULT_PASSPHRASE_CHANGED:
            return QCoreApplication.translate("ActivityWords",
                                              "Passphrase changed; vault re-encrypted")
        case AuditAction.VAULT_RECOVERY_CODE_RENEWED:
            return QCoreApplication.translate("ActivityWords",
                                              "New recovery code; vault re-encrypted")
        case AuditAction.ALIAS_CREATED:
            return QCoreApplication.translate("ActivityWords", "Email alias given")
        case AuditAction.ALIASES_ENABLED:
            return QCoreApplication.translate("ActivityWords", "Email aliases on")
        case AuditAction.ALIASES_DISABLED:
            return QCoreApplication.translate("ActivityWords", "Email aliases off")
        case AuditAction.ALIAS_SOURCE_SET:
            return QCoreApplication.translate("ActivityWords", "Where aliases come from changed")
        case AuditAction.SERVICE_ALIAS_CREATED:
            return QCoreApplication.translate("ActivityWords", "Alias made at the alias service")
        case AuditAction.SERVICE_ALIAS_DISABLED:
            return QCoreApplication.translate("ActivityWords",
                                              "Alias turned off at the alias service")
        case AuditAction.ALIAS_CLOSED:
            return QCoreApplication.translate("ActivityWords", "Email alias closed")
        case AuditAction.MAILBOX_SET:
            return QCoreApplication.translate("ActivityWords", "Mailbox to watch set")
        case AuditAction.MAILBOX_FORGOTTEN:
            return QCoreApplication.translate("ActivityWords", "Mailbox forgotten")
        case AuditAction.LEAK_FOUND:
            return QCoreApplication.translate("ActivityWords", "Leak found")
        case AuditAction.LEAK_MARKED_EXPECTED:
            return QCoreApplication.translate("ActivityWords", "Leak marked expected")
        case AuditAction.SYNC_SET_UP:
            return QCoreApplication.translate("ActivityWords", "Sync through a folder set up")
        case AuditAction.SYNC_JOINED:
            return QCoreApplication.translate("ActivityWords", "Joined from a synced folder")
        case AuditAction.SYNC_APPLIED:
            return QCoreApplication.translate("ActivityWords", "Changes from another device")
        case AuditAction.SYNC_REFUSED:
            return QCoreApplication.translate("ActivityWords", "A synced file refused")
        case AuditAction.DEVICE_REMOVED:
            return QCoreApplication.translate("ActivityWords", "Device removed")
        case AuditAction.SYNC_OLDER_COPY:
            return QCoreApplication.translate("ActivityWords",
                                              "Older copy went on as a new device")
        case _:
            assert_never(action)


def known_actions() -> list[str]:
    return [action_words(a) for a in AuditAction]


def brand_words(name: str, origin: str) -> str:
    """"Trailworks (trailworks.example)": the name the brand gives, then where it lives."""
    host = urlsplit(origin).netloc or origin
    return QCoreApplication.translate("ActivityWords", "{0} ({1})").format(
        brand_text(name), brand_text(host))


def share_tip(entry: AuditEntry) -> str:
    """The share's id, for a tooltip: the precise reference, kept off the row itself."""
    grant = entry.details.get("grant")
    if not grant or entry.details.get("unreadable"):
        return ""
    return QCoreApplication.translate("ActivityWords", "Share id: {0}").format(
        brand_text(str(grant)))


def label_of(key: object, custom_labels: dict[str, str]) -> str:
    key = str(key)
    if key in BY_KEY:
        return field_label(BY_KEY[key])
    return custom_labels.get(key, key)


def details_text(entry: AuditEntry, custom_labels: dict[str, str],
                 shares: dict[str, SharedWith] | None = None) -> str:
    """The entry's details in words: field names, the brand (by name when `shares` knows
    the share the entry is about); never a share's id (see `share_tip`)."""
    d: dict[str, Any] = entry.details
    if d.get("unreadable"):
        return QCoreApplication.translate("ActivityWords", "The details cannot be read.")
    action = entry.action
    brand = brand_text(str(d.get("brand", "")))
    shared = _shared_with(d, (shares or {}).get(str(d.get("grant", ""))))
    if action in (AuditAction.FIELD_SET, AuditAction.FIELD_CLEARED):
        return label_of(d.get("field", ""), custom_labels)
    if action in (AuditAction.ANSWER_SET, AuditAction.ANSWER_CLEARED):
        return QCoreApplication.translate("ActivityWords", "{0}: its question {1}").format(
            brand, brand_text(str(d.get("field", ""))))
    if action == AuditAction.FIELD_DEFINED:
        try:
            kind = type_name(FieldType(str(d.get("type"))))
        except ValueError:
            kind = str(d.get("type", ""))
        return QCoreApplication.translate("ActivityWords", "{0} ({1})").format(
            label_of(d.get("field", ""), custom_labels), kind
        )
    if action == AuditAction.REQUEST_IMPORTED:
        return _imported(brand, str(d.get("source", "")), bool(d.get("domain_verified")))
    if action == AuditAction.BRAND_KEYS_REPLACED:
        if d.get("reason") == "domain_verified":
            return QCoreApplication.translate(
                "ActivityWords",
                "{0}: keys from a file or pasted text replaced by the ones its web address "
                "serves",
            ).format(brand)
        return QCoreApplication.translate("ActivityWords", "{0}: new keys accepted").format(brand)
    if action == AuditAction.GRANT_CREATED:
        listed = d.get("fields")
        fields: list[object] = listed if isinstance(listed, list) else []
        names = QCoreApplication.translate("ActivityWords", ", ").join(
            label_of(k, custom_labels) for k in fields
        )
        return QCoreApplication.translate(
            "ActivityWords", "{0}: {1}; for {2} days"
        ).format(shared, names, d.get("days", "?"))
    if action == AuditAction.GRANT_UPDATED and "field" not in d:  # a resume's version
        return QCoreApplication.translate(
            "ActivityWords", "{0}, updated to version {1}: what changed while it was paused"
        ).format(shared, d.get("version", "?"))
    if action == AuditAction.GRANT_UPDATED:
        return QCoreApplication.translate(
            "ActivityWords", "{0}, updated to version {1}: {2} changed"
        ).format(shared, d.get("version", "?"), label_of(d.get("field", ""), custom_labels))
    if action in (AuditAction.GRANT_REVOKED, AuditAction.GRANT_PAUSED,
                  AuditAction.GRANT_RESUMED, AuditAction.GRANT_EXPIRED):
        return shared
    if action in (AuditAction.GRANT_DELIVERED, AuditAction.REVOCATION_DELIVERED,
                  AuditAction.PAUSE_DELIVERED, AuditAction.RESUME_DELIVERED):
        receipt = d.get("receipt")
        if receipt:
            return QCoreApplication.translate(
                "ActivityWords", "{0}; the brand's receipt says “{1}”"
            ).format(shared, brand_text(str(receipt)))
        return QCoreApplication.translate("ActivityWords", "{0}; no receipt").format(shared)
    if action == AuditAction.DELIVERY_REFUSED:
        return QCoreApplication.translate("ActivityWords", "{0}: {1}").format(
            shared, brand_text(str(d.get("reason", "")))
        )
    if action == AuditAction.LEAK_FOUND:
        return QCoreApplication.translate(
            "ActivityWords", "Mail to the address you gave only to {0} came from {1}"
        ).format(brand, brand_text(str(d.get("sender", ""))))
    if action == AuditAction.LEAK_MARKED_EXPECTED:
        if not d.get("sender"):  # never authenticated: it vouches for nothing else
            return QCoreApplication.translate("ActivityWords", "{0}: that message only").format(
                brand)
        return QCoreApplication.translate(
            "ActivityWords", "{0} may write to the address you gave {1}"
        ).format(brand_text(str(d.get("sender", ""))), brand)
    if action.startswith("vault."):
        return ""
    return brand_text("; ".join(f"{k}: {v}" for k, v in sorted(d.items())))


def _shared_with(details: dict[str, Any], shared: SharedWith | None) -> str:
    """Who a share went to: the brand's name and address when the vault still has the share,
    else the address the entry recorded, else words that say the share is gone."""
    if shared is not None:
        return brand_words(shared.brand_name, shared.brand_origin)
    if details.get("brand"):
        return brand_text(str(details["brand"]))
    return QCoreApplication.translate("ActivityWords", "A share no longer in your vault")


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
            "The activity log is intact ({0} entries checked), but the database check "
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
            ).format(entry.seq, action_text(entry.action), details, time.moment(entry.at))
        else:
            text += " " + QCoreApplication.translate(
                "ActivityWords", "Entry {0} now reads “{1}”, dated {2}."
            ).format(entry.seq, action_text(entry.action), time.moment(entry.at))
    if problems:
        text += " " + QCoreApplication.translate(
            "ActivityWords", "The database check also found damage: {0}."
        ).format(problems[0])
    return False, text


def leak_notice(brand_name: str, sender: str, received_at: int | None) -> str:
    """A leak as the notification says it, `sender` the authenticated domain or the From."""
    if received_at is None:
        return QCoreApplication.translate(
            "ActivityWords", "Mail to the address you gave only to {0} came from {1}"
        ).format(brand_text(brand_name), brand_text(sender))
    return QCoreApplication.translate(
        "ActivityWords", "Mail to the address you gave only to {0} came from {1} on {2}"
    ).format(brand_text(brand_name), brand_text(sender), time.date(received_at))


def leak_pack_summary(brand_name: str, brand_origin: str, alias: str, sender: str,
                      from_address: str, received_at: int | None) -> str:
    """The evidence pack's summary.txt, in the app's language."""
    who = brand_text(sender) if sender else QCoreApplication.translate(
        "ActivityWords", "a sender whose domain was not authenticated")
    when = time.moment(received_at) if received_at is not None else \
        QCoreApplication.translate("ActivityWords", "an unknown date")
    return QCoreApplication.translate(
        "ActivityWords",
        "Mail to {0}, an address given only to {1} ({2}), came from {3} (From: {4}) on {5}.\n"
        "request.jwt is what the brand signed; grant/ holds what I signed; receipts/ the "
        "brand's signed acknowledgements; message.eml the message's header. manifest.json "
        "gives each file's SHA-256.\n"
    ).format(alias, brand_text(brand_name), brand_text(brand_origin), who,
             brand_text(from_address), when)
