"""Sync: progress follows the learner between machines through a git remote or a synced folder.

`git.py` is the only code that runs the git executable; `remote.py` and `folder.py` are the two
transports; `devices.py` reads and writes the per-device files; `engine.py` is the
fetch-merge-write-push loop, which merges through progress/ (store.update, ops.import_state).
"""
