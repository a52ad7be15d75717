"""A git remote: a bare clone in the data folder, written with git's plumbing only.

No working tree and no checkout: device files are read from the fetched commit's tree, and
this device's file becomes a new commit on top of it (a temporary index, a tree, a commit),
pushed as the remote's `main`. When the push is rejected (another device pushed first), the
engine fetches and builds again on the new head: the rebase of a branch that changes one file
nobody else writes. A crash leaves at most stale lock files and loose objects in the clone;
the next sync (holding the sync lock, so no git of ours is running) removes the locks.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from llmcourse.progress.store import MAX_BYTES
from llmcourse.sync import devices, git
from llmcourse.sync.faults import crash_point
from llmcourse.sync.transport import Snapshot
from llmcourse.sync.urls import shown

BRANCH = "main"
TRACKING = f"refs/remotes/origin/{BRANCH}"


def clone_dir(sync_dir: Path, url: str) -> Path:
    """Where the clone of `url` lives: one per remote, so changing the remote starts afresh."""
    return sync_dir / f"git-{hashlib.sha256(url.encode()).hexdigest()[:16]}.git"


class GitRemote:
    kind = "remote"

    def __init__(self, url: str, sync_dir: Path) -> None:
        self.url = url
        self.where = shown(url)
        self.repo = clone_dir(sync_dir, url)

    def prepare(self) -> None:
        git.executable()
        if not (self.repo / "HEAD").is_file():
            if self.repo.exists():
                shutil.rmtree(self.repo)  # a clone that a crash left half made
            self.repo.mkdir(parents=True)
            git.output(self.repo, ["init", "--quiet", "--bare"])
        for stale in self.repo.rglob("*.lock"):  # left by a git killed with us
            if "objects" not in stale.relative_to(self.repo).parts:
                stale.unlink(missing_ok=True)

    def fetch(self) -> Snapshot:
        refspec = "+refs/heads/*:refs/remotes/origin/*"
        args = ["fetch", "--quiet", "--no-tags", "--prune", "--", self.url, refspec]
        result = git.run(self.repo, args, timeout=git.NETWORK_TIMEOUT)
        if result.code != 0:
            raise git.network_failure(result, self.url)
        return self.seen()

    def seen(self) -> Snapshot:
        if not (self.repo / "HEAD").is_file():
            return Snapshot()
        head = git.run(self.repo, ["rev-parse", "--verify", "--quiet", f"{TRACKING}^{{commit}}"])
        if head.code != 0:
            return Snapshot()  # an empty remote: nobody synced yet
        base = head.out.decode().strip()
        snap = Snapshot(base=base)
        listing = git.output(self.repo, ["ls-tree", "-r", "-l", "-z", base, "--", "devices/"])
        wanted: dict[str, str] = {}
        oversize: list[str] = []
        for entry in filter(None, listing.split(b"\0")):
            meta, _, path = entry.decode("utf-8", "replace").partition("\t")
            _mode, kind, blob, size = meta.split()
            device = devices.device_of(path) if path.count("/") == 1 else None
            if kind == "blob" and device is not None:
                wanted[device] = blob
                if int(size) > MAX_BYTES:
                    oversize.append(device)
            elif devices.is_conflict_copy(path):
                snap.conflicts.append(path)
        snap.blobs = wanted
        snap.files = self._blobs({d: b for d, b in wanted.items() if d not in oversize})
        # never read into memory: a stand-in just over the limit has it refused as too big
        snap.files.update(dict.fromkeys(oversize, bytes(MAX_BYTES + 1)))
        return snap

    def _blobs(self, wanted: dict[str, str]) -> dict[str, bytes]:
        """Every wanted blob in one `cat-file --batch`."""
        if not wanted:
            return {}
        order = sorted(wanted)
        data = "".join(f"{wanted[d]}\n" for d in order).encode()
        out = git.output(self.repo, ["cat-file", "--batch"], data=data)
        files: dict[str, bytes] = {}
        at = 0
        for device in order:
            end = out.index(b"\n", at)
            size = int(out[at:end].split()[2])
            files[device] = out[end + 1 : end + 1 + size]
            at = end + 1 + size + 1
        return files

    def publish(self, snapshot: Snapshot, device: str, data: bytes, name: str) -> bool:
        blob = git.output(self.repo, ["hash-object", "-w", "--stdin"], data=data).decode().strip()
        if snapshot.blobs.get(device) == blob:
            return True  # the remote already holds this exact file
        commit = self._commit(snapshot.base, device, blob, name)
        crash_point("committed")
        args = ["push", "--porcelain", "--quiet", "--", self.url, f"{commit}:refs/heads/{BRANCH}"]
        result = git.run(self.repo, args, timeout=git.NETWORK_TIMEOUT)
        if result.code == 0:
            git.output(self.repo, ["update-ref", TRACKING, commit])
            return True
        said = result.out.decode("utf-8", "replace") + result.err
        if "[rejected]" in said or "[remote rejected]" in said or "fetch first" in said:
            return False  # somebody pushed first: fetch, merge, try again
        raise git.network_failure(result, self.url)

    def _commit(self, base: str | None, device: str, blob: str, name: str) -> str:
        """A commit of `base`'s tree with this device's file replaced."""
        index = self.repo / "llmcourse-index"
        env = {"GIT_INDEX_FILE": str(index)}
        git.output(self.repo, ["read-tree", *([base] if base else ["--empty"])], env=env)
        entry = f"100644,{blob},{devices.path_of(device)}"
        git.output(self.repo, ["update-index", "--add", "--cacheinfo", entry], env=env)
        tree = git.output(self.repo, ["write-tree"], env=env).decode().strip()
        index.unlink(missing_ok=True)
        parents = ["-p", base] if base else []
        message = f"llmcourse sync: {name or device}"
        args = ["commit-tree", tree, *parents, "-m", message]
        return git.output(self.repo, args, identity=True).decode().strip()
