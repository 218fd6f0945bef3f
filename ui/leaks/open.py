"""Opening a leak's detail from where a leak is mentioned (an Activity entry)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from vault.profile.audit import AuditAction, AuditEntry

from ..session import Session

LEAK_ACTIONS = (AuditAction.LEAK_FOUND, AuditAction.LEAK_MARKED_EXPECTED)


def leak_of(entry: AuditEntry) -> int | None:
    """The leak an Activity entry is about, if any."""
    leak = entry.details.get("leak")
    if entry.action in LEAK_ACTIONS and isinstance(leak, int) and not isinstance(leak, bool):
        return leak
    return None


def open_leak_detail(session: Session, entry: AuditEntry, parent: QWidget) -> bool:
    """Opens the detail of the entry's leak; False when the entry is about no leak."""
    leak_id = leak_of(entry)
    if leak_id is None:
        return False
    from .detail import LeakDialog

    dialog = LeakDialog(session, leak_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return True
