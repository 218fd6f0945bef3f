"""One typed registry over QSettings. No secret is ever written here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from PySide6.QtCore import QSettings

T = TypeVar("T", int, str, bool)


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T


LANGUAGE = Setting("ui/language", "system")  # "system", "en" or "el"
IDLE_LOCK_MINUTES = Setting("security/idle_lock_minutes", 5)  # 0: never
CLIPBOARD_CLEAR_SECONDS = Setting("security/clipboard_clear_seconds", 30)


class Settings:
    def __init__(self, backing: QSettings | None = None) -> None:
        self._backing = backing or QSettings("Zero-Party Vault", "Zero-Party Vault")

    def get(self, setting: Setting[T]) -> T:
        raw: object = self._backing.value(setting.key, setting.default)
        kind = type(setting.default)
        try:
            if kind is bool:
                value: object = raw if isinstance(raw, bool) else raw in (True, "true", "1", 1)
            else:
                value = kind(str(raw))
        except (TypeError, ValueError):
            return setting.default
        return value  # type: ignore[return-value]  # of T's own kind, by the branch above

    def set(self, setting: Setting[T], value: T) -> None:
        self._backing.setValue(setting.key, value)
        self._backing.sync()
