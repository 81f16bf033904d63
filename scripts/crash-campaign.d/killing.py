"""kill -9 a node inside a transaction being written, and tell afterwards whether it was.

A node's head only moves when a transaction commits, so a kill timed on the head lands at a page
boundary. SQLite writes a transaction's pages to the write-ahead log at its commit (or when it spills
a large one), a burst of writes lasting milliseconds; `kill_while_writing` polls the process's write
counter (/proc/PID/io, exact per system call) and kills it as soon as a burst starts, so the kill
lands inside that burst. `torn_frames` then reads the WAL the kill left: frames of the current WAL
generation after its last commit frame are a transaction that was being written and never committed
(recovery must ignore them), the proof that a kill landed inside a commit.

    python3 killing.py kill PID DELAY   # sleep DELAY seconds, then kill at the next burst of writes
    python3 killing.py torn WAL         # prints the uncommitted frames left in WAL (0 if none)
"""
import os
import signal
import struct
import sys
import time

BURST = 32 * 1024  # bytes written between two polls that mean a commit (or spill) is being written


def _written(pid):
    try:
        with open(f"/proc/{pid}/io") as io:
            for line in io:
                if line.startswith("wchar:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    return None


def _running(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


def kill_while_writing(pid, watch=True, cap=2.0):
    """Kills pid; with watch, first waits (up to cap seconds) for a burst of writes. Prints "writing"
    when the kill followed one."""
    writing = False
    if watch:
        deadline = time.monotonic() + cap
        seen = _written(pid)
        while seen is not None and time.monotonic() < deadline and _running(pid):
            time.sleep(0.0005)
            now = _written(pid)
            if now is not None and now - seen >= BURST:
                writing = True
                break
            seen = now if now is not None else seen
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    if writing:
        print("writing")


def torn_frames(wal):
    """Frames after the last commit frame of the WAL's current generation (same salts as its header)."""
    try:
        with open(wal, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return 0
    if len(data) < 32:
        return 0
    magic, _, page_size, _, salt1, salt2 = struct.unpack(">IIIIII", data[:24])
    if magic not in (0x377F0682, 0x377F0683) or page_size < 512:
        return 0
    frame = 24 + page_size
    after_commit = 0
    for offset in range(32, len(data) - frame + 1, frame):
        _, commit_size, s1, s2 = struct.unpack(">IIII", data[offset : offset + 16])
        if (s1, s2) != (salt1, salt2):
            break  # a frame of an earlier generation: the current one ends here
        after_commit = 0 if commit_size else after_commit + 1
    return after_commit


if __name__ == "__main__":
    if sys.argv[1] == "kill":
        pid, delay = int(sys.argv[2]), float(sys.argv[3])
        time.sleep(delay)
        kill_while_writing(pid, cap=30.0)
    else:
        print(torn_frames(sys.argv[2]))
