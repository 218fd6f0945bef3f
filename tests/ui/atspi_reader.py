"""Read an app's accessibility tree through AT-SPI, as a screen reader such as Orca does.

    /usr/bin/python3 atspi_reader.py PID     # one JSON object per node on stdout

Run with Debian's Python (python3-pyatspi), not the project's: it imports nothing of
ours. It waits up to 30 s for the process to appear on the accessibility bus, then walks
every window it shows: each node's place (id, parent), role, name, description, whether
it is focusable, showing and checked, and its path of roles from the application down.
"""

import json
import sys
import time

import pyatspi

MAX_NODES = 5000


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


def main():
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
