"""The Shared page's Pause / Resume button: one button whose words follow the chosen grant.

Pausing asks nothing (it is undone by a resume); the vault call runs off the GUI thread
through the session, and the outbox is flushed after it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget

from vault.exchange.grants import Grant, GrantStatus
from vault.vault import Vault

from ..icons import Glyph, icon
from ..session import Session
from ..words.text import brand_text


class PauseButton(QPushButton):
    def __init__(self, session: Session, say: Callable[[str], None],
                 failed: Callable[[BaseException], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pauseButton")
        self._session = session
        self._say = say
        self._failed = failed
        self._grant: Grant | None = None
        self.clicked.connect(self.toggle_pause)
        self.show_grant(None)

    def show_grant(self, grant: Grant | None) -> None:
        """Words and state for the chosen grant: Resume for a paused one, else Pause."""
        self._grant = grant
        if grant is not None and grant.paused:
            self.setText(self.tr("Res&ume"))
            self.setIcon(icon(Glyph.RESUME))
            self.setAccessibleName(self.tr("Resume the chosen share: the brand may use your "
                                           "data again"))
        else:
            self.setText(self.tr("P&ause"))
            self.setIcon(icon(Glyph.PAUSE))
            self.setAccessibleName(self.tr("Pause the chosen share: the brand keeps your data "
                                           "but must not use it"))
        self.setEnabled(grant is not None and grant.status is GrantStatus.ACTIVE)

    def toggle_pause(self) -> None:
        grant = self._grant
        if grant is None or grant.status is not GrantStatus.ACTIVE:
            return
        brand = brand_text(grant.brand_name)
        resuming = grant.paused

        def act(vault: Vault) -> None:
            if resuming:
                vault.grants.resume(grant.id)
            else:
                vault.grants.pause(grant.id)

        def done(_: None) -> None:
            self._say(self.tr("Resumed. {0} may use your data again.").format(brand) if resuming
                      else self.tr("Paused. {0} is being told not to use your data until you "
                                   "resume.").format(brand))
            self._session.deliver()

        self._session.call(act, done, failed=self._failed, owner=self)
