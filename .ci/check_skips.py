"""After the CI test run: list every skipped test with the reason CI accepts it; any skip not
accepted here fails the run.

    python .ci/check_skips.py JUNIT_XML

A skip is accepted when its test id matches a pattern below and its reason contains the
given words (so a test accepted for one reason does not hide another).
"""

from __future__ import annotations

import fnmatch
import sys
import xml.etree.ElementTree as ElementTree

# (test id pattern, words the skip reason must contain, why CI accepts the skip)
ACCEPTED = [
    ("tests.zpd.test_protocol_doc::test_doc_carries_the_contract_verbatim", "is absent",
     "the wire contract lives beside a working checkout, not in the repository, so a fresh "
     "clone has nothing to compare the page with; its examples are checked either way"),
    ("tests.brandkit.test_server_cli::test_serve_on_ipv6_loopback_brackets_the_host",
     "no IPv6 loopback",
     "this machine has no IPv6 loopback; serving on IPv4 loopback and all interfaces is tested"),
    ("tests.hardening.test_disk_full::test_*[[]tmpfs*", "tmpfs",
     "this machine cannot mount a tmpfs (not root, or a container without mount permission: "
     ".ci/run's trial mount failed); the RLIMIT_FSIZE variant runs the same checks"),
    ("tests.vault.test_desktop::*", "apt-get is not available",
     "a system without apt-get has no Debian xdg-utils and desktop-file-utils to install; "
     "`zpv desktop install` is for Linux desktops, which have them"),
    ("tests.browser.*", "apt-get is not available",
     "a system without apt-get has no Debian Chromium and chromedriver to install; the shop "
     "page's HTML, CSP and status answers are tested over HTTP without a browser"),
    ("tests.ui.test_atspi::*", "apt-get is not available",
     "a system without apt-get has no Debian Xvfb, AT-SPI bus and python3-pyatspi to "
     "install; the accessibility tree is also walked in process (test_accessibility_tree)"),
    ("tests.leaks.*", "dovecot-imapd is not installed",
     "Debian's Dovecot could not be installed on this machine (.ci/run installs it with "
     "apt-get, so this happens only where it runs without root); the mailbox's parsing, "
     "judging and misbehaving-server tests run without it"),
    ("tests.ui.test_leak_*", "dovecot-imapd is not installed",
     "as for tests.leaks: the app's leak-canary screens are tested on a real Dovecot where "
     "it can be installed; their Maildir (demo) and alias-service tests run without it"),
]


XFAIL = "pytest.xfail"  # how JUnit XML marks an expected failure: a known defect, not a skip


def skipped(report: str, *, expected_failures: bool = False) -> list[tuple[str, str]]:
    """(test id, reason) of every skipped test in a JUnit XML report (with
    `expected_failures`, of every test marked as an expected failure instead)."""
    found = []
    for case in ElementTree.parse(report).iter("testcase"):
        skip = case.find("skipped")
        if skip is not None and (skip.get("type") == XFAIL) == expected_failures:
            test_id = f"{case.get('classname')}::{case.get('name')}"
            found.append((test_id, skip.get("message") or (skip.text or "").strip()))
    return found


def why_accepted(test_id: str, reason: str) -> str | None:
    for pattern, words, why in ACCEPTED:
        if fnmatch.fnmatchcase(test_id, pattern) and words in reason:
            return why
    return None


def main() -> int:
    unaccepted = 0
    for test_id, reason in skipped(sys.argv[1], expected_failures=True):
        print(f"  expected failure (a known defect, still run) {test_id}: {reason}")
    skips = skipped(sys.argv[1])
    print(f"\n{len(skips)} tests skipped")
    for test_id, reason in skips:
        why = why_accepted(test_id, reason)
        if why is None:
            unaccepted += 1
            print(f"  NOT ACCEPTED {test_id}: {reason}")
        else:
            print(f"  accepted     {test_id}: {why}")
    if unaccepted:
        print(f"{unaccepted} skipped tests are not accepted in CI: fix what they need "
              "(.ci/run installs it), or justify them in .ci/check_skips.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
