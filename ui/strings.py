"""Words for the vault's typed errors and passphrase reasons, translatable in the UI."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from vault import errors
from vault.errors import Weakness

from .pages import field_words


def _tr(text: str) -> str:
    return QCoreApplication.translate("VaultMessages", text)


def weakness(reason: str) -> str:
    words = {
        Weakness.TOO_SHORT: _tr(
            "Use at least 12 characters; a few unrelated words work well."
        ),
        Weakness.COMMON: _tr("This is one of the most common passwords."),
        Weakness.REPETITIVE: _tr("It repeats too few characters."),
        Weakness.SEQUENCE: _tr("It is a keyboard or alphabet run."),
        Weakness.LOW_VARIETY: _tr("Too predictable: add another word, or mix in digits."),
    }
    return words.get(reason, reason)


def error_message(error: BaseException) -> str:
    match error:
        case errors.WrongPassphrase():
            return _tr("That passphrase does not open this vault.")
        case errors.WrongRecoveryCode():
            return _tr("That recovery code does not open this vault.")
        case errors.WeakPassphrase(reasons=reasons):
            return " ".join(weakness(r) for r in reasons)
        case errors.VaultBusy():
            return _tr("This vault is open in another window or program. Close it there first.")
        case errors.HeaderCorrupted() | errors.VaultCorrupted():
            return _tr("This vault is damaged. Restore it from a backup.")
        case errors.UnsupportedFormat():
            return _tr(
                "This vault was made by a newer version of Zero-Party Vault. Update the app."
            )
        case errors.NotAVault():
            return _tr("There is no vault in this folder.")
        case errors.InvalidValue():
            return field_words.invalid_value_text(error)
        case errors.InvalidFieldDefinition():
            return field_words.definition_error_text(error)
        case errors.FieldRequiredByGrant():
            return _tr("This field is required by an active grant: revoke it first.")
        case errors.VaultRolledBack(seen_seq=seen, found_seq=found, seen_at=seen_at):
            return _tr(
                "This vault is an older copy than the one this computer last saw: it ends at "
                "activity entry {found}, but entry {seen} was seen here on {when}. Someone may "
                "have put an old copy back. Open it only if you restored it yourself."
            ).format(found=found, seen=seen, when=when_words(seen_at))
        case errors.VaultLocked():
            return _tr("The vault is locked. Unlock it and try again.")
        case errors.ShareRefused() | errors.UnknownAsk():
            from .dialogs.review_words import error_words

            return error_words(error, None)
        case errors.StorageFull():
            return _tr("The disk is full. Nothing was changed.")
        case errors.RekeyFailed():
            return _tr(
                "Your vault could not be re-encrypted. Nothing was changed: your passphrase and "
                "recovery code are as they were."
            )
    return _tr("Something went wrong: {0}").format(type(error).__name__)


def when_words(timestamp: int) -> str:
    from PySide6.QtCore import QDateTime, QLocale

    moment = QDateTime.fromSecsSinceEpoch(timestamp)
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)
