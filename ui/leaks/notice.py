"""The notification of a leak, in the status bar: what the newest leak is, in one sentence,
and a click (or Enter) away from its detail. It stays until the vault locks, so a leak found
while the person looked elsewhere is still there when they come back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QPushButton

from .. import style
from ..announce import announce
from ..session import Session
from ..style import Tone
from ..words import aliases
from ..words.activity import leak_notice
from .watch import LeakWatch

if TYPE_CHECKING:
    from vault.leaks.records import Leak

    from .detail import LeakDialog


class LeakNotice(QPushButton):
    def __init__(self, session: Session, watch: LeakWatch) -> None:
        super().__init__()
        self.setObjectName("leakNotice")
        self.setFlat(True)
        self.setStyleSheet(f"QPushButton#leakNotice {{ {style.text_css(Tone.ERROR, bold=True)} "
                           "text-align: left; }")
        self.session = session
        self.leak_id: int | None = None
        self.dialog: LeakDialog | None = None
        self.hide()
        watch.leaks_found.connect(self.show_leaks)
        session.closed.connect(self.forget)
        self.clicked.connect(self.open_detail)

    def show_leaks(self, found: list[Leak]) -> None:
        newest = max(found, key=lambda leak: leak.id)
        self.leak_id = newest.id
        text = leak_notice(newest.brand_name, newest.sender_domain or newest.from_address,
                           newest.received_at)
        if newest.after_close:
            text = aliases.after_close_short(text)
        if len(found) > 1:
            text = self.tr("{0} (and {1} more leaks: see Activity)").format(
                text, len(found) - 1)
        self.setText(text)
        self.setToolTip(self.tr("Show this leak, its evidence and what you can do"))
        self.setAccessibleName(self.tr("Leak found: {0}").format(text))
        self.show()
        announce(self, self.accessibleName())  # new leaks only: the watch reports each once
        window = self.window()
        QApplication.alert(window)  # the taskbar's own way of asking for attention

    def forget(self) -> None:
        self.leak_id = None
        self.setText("")
        self.hide()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None

    def open_detail(self) -> None:
        if self.leak_id is None:
            return
        from .detail import LeakDialog

        self.dialog = LeakDialog(self.session, self.leak_id, self.window())
        self.dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog.open()
