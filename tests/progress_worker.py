"""A writer for the concurrency test: wait until a shared moment, then mark one item done.

Usage: python progress_worker.py ITEM_ID START_EPOCH (LLMCOURSE_HOME set by the caller).
Calls the store directly, the way `llmcourse done` does, without loading the course.
"""

from __future__ import annotations

import sys
import time

from llmcourse.progress import ops, store
from llmcourse.progress.model import now

item, start = sys.argv[1], float(sys.argv[2])
time.sleep(max(0.0, start - time.time()))
when = now()
store.update(lambda state: ops.mark(state, "done", [ops.Target("topic", item)], when))
