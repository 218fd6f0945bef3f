"""The Activity page's words for leak canaries: a leak found says whose address it was and
who wrote; a leak marked expected says who may write now."""

from __future__ import annotations

from ui.words.activity import action_words, details_text
from vault.profile.audit import AuditAction, AuditEntry

LEAK_ACTIONS = (AuditAction.ALIAS_SOURCE_SET, AuditAction.SERVICE_ALIAS_CREATED,
                AuditAction.SERVICE_ALIAS_DISABLED, AuditAction.MAILBOX_SET,
                AuditAction.MAILBOX_FORGOTTEN, AuditAction.LEAK_FOUND,
                AuditAction.LEAK_MARKED_EXPECTED)


def test_each_leak_action_has_words_of_its_own() -> None:
    words = [action_words(action) for action in LEAK_ACTIONS]
    assert len(set(words)) == len(words)
    assert not any(str(action) in said for action, said in zip(LEAK_ACTIONS, words, strict=True))


def test_a_leak_says_whose_address_and_who_wrote() -> None:
    entry = AuditEntry(1, 0, AuditAction.LEAK_FOUND,
                       {"brand": "https://megamart.example", "leak": 3,
                        "sender": "partner-ads.example"})
    assert details_text(entry, {}) == ("Mail to the address you gave only to "
                                       "https://megamart.example came from partner-ads.example")


def test_a_leak_marked_expected_says_who_may_write() -> None:
    entry = AuditEntry(2, 0, AuditAction.LEAK_MARKED_EXPECTED,
                       {"brand": "https://megamart.example", "leak": 3,
                        "sender": "crm-tool.example"})
    assert details_text(entry, {}) == ("crm-tool.example may write to the address you gave "
                                       "https://megamart.example")
    unvouched = AuditEntry(3, 0, AuditAction.LEAK_MARKED_EXPECTED,
                           {"brand": "https://megamart.example", "leak": 4, "sender": ""})
    assert details_text(unvouched, {}) == "https://megamart.example: that message only"
