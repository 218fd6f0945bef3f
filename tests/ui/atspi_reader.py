"""Read an app's accessibility tree through AT-SPI, as a screen reader such as Orca does,
or listen for what it announces.

    /usr/bin/python3 atspi_reader.py PID     # one JSON object per node on stdout
    /usr/bin/python3 atspi_reader.py --announcements PID UNTIL

Run with Debian's Python (python3-pyatspi), not the project's: it imports nothing of
ours. It waits up to 30 s for the process to appear on the accessibility bus, then walks
every window it shows: each node's place (id, parent), role, name, description, whether
it is focusable, showing and checked, and its path of roles from the application down.

With --announcements it registers for `object:announcement`, as Orca does, prints
"listening" once the application has seen the registration, then one JSON object per
announcement of that process (its text, its politeness: 1 polite, 2 assertive, and the
role and name of the object that made it), until one says UNTIL or 30 s have passed.
"""

import json
import sys
import time

import pyatspi
from gi.repository import GLib

MAX_NODES = 5000
LISTEN_SECONDS = 30


def find_application(pid):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for application in desktop:
            try:
                if application is not None and application.get_process_id() == pid:
                    return application
            except Exception:  # an application going away while we look
                continue
        time.sleep(0.3)
    return None


def walk(node, path, out, parent=None):
    if len(out) >= MAX_NODES or node is None:
        return
    index = len(out)
    try:
        role = node.getRoleName()
        states = node.getState()
        entry = {
            "id": index,
            "parent": parent,
            "role": role,
            "name": node.name or "",
            "description": node.description or "",
            "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
            "showing": states.contains(pyatspi.STATE_SHOWING),
            "checked": states.contains(pyatspi.STATE_CHECKED),
            "path": path + [role],
        }
        out.append(entry)
        children = list(node)
    except Exception as error:  # a node that went away: say so, do not stop
        out.append({"id": index, "parent": parent, "role": "error", "name": str(error),
                    "path": path})
        return
    for child in children:
        walk(child, path + [role], out, index)


def listen(application, pid, until):
    heard = []

    def announced(event):
        try:
            source = event.source
            if source.get_process_id() != pid:
                return
            entry = {"text": str(event.any_data), "politeness": event.detail1,
                     "role": source.getRoleName(), "name": source.name or ""}
        except Exception as error:  # an object going away as it speaks: say so, go on
            entry = {"text": "", "error": str(error)}
        heard.append(entry)
        print(json.dumps(entry, ensure_ascii=False), flush=True)
        if entry["text"] == until:
            pyatspi.Registry.stop()

    def give_up():
        pyatspi.Registry.stop()
        return False

    pyatspi.Registry.registerEventListener(announced, "object:announcement")
    # The registry tells the application of the new listener before it answers us; a call
    # to the application after that is answered only once the application has read it.
    application.get_child_count()
    print("listening", flush=True)
    GLib.timeout_add_seconds(LISTEN_SECONDS, give_up)
    pyatspi.Registry.start()
    return 0 if any(entry["text"] == until for entry in heard) else 4


def main():
    if sys.argv[1] == "--announcements":
        pid, until = int(sys.argv[2]), sys.argv[3]
        application = find_application(pid)
        if application is None:
            print(f"process {pid} never appeared on the accessibility bus", file=sys.stderr)
            return 3
        return listen(application, pid, until)
    pid = int(sys.argv[1])
    application = find_application(pid)
    if application is None:
        print(f"process {pid} never appeared on the accessibility bus", file=sys.stderr)
        return 3
    nodes = []
    walk(application, [], nodes)
    for node in nodes:
        print(json.dumps(node, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
