#!/usr/bin/env python3
"""End-to-end sync benchmark (issue 14): real `scripts/tsunagu serve` processes, cold JVMs, loopback.

Run through scripts/bench-e2e, which builds the jar and the class-data sharing archive first. Prints one
table, each figure next to its target, with the pouchdb-server (CouchDB replication) baseline measured in
the same run. Every process it starts is killed when it ends, however it ends.

Phases:
  1. baseline: pouchdb-server 4.2.0 replication of N ~600-byte docs between two servers, then a catch-up
     of 1,000 (one-shot replication resumed from its checkpoint); the target server's RSS is sampled.
  2. hub: `tsunagu serve`, N organisations imported through POST /admin/v1/import/organizations.
  3. initial sync: a fresh follower starts (start to /healthz 200 timed), adds the hub as a peer and
     subscribes to every origin, and the hub's admin approves it; timed from the subscription request
     to identical heads.
  4. catch-up: the follower stops, the hub imports 1,000, the follower starts again: timed from its
     /healthz 200 to identical heads.
  5. live: the hub imports 1,000 while the follower runs: timed from the import's answer to identical heads.
CPU per envelope comes from /proc/PID/stat; where the time goes from each thread's CPU
(/proc/PID/task/TID/stat), grouped by what the node's threads do; RSS is sampled every 50 ms.
"""
import argparse
import atexit
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
PROCS = []


def kill_all():
    for p in PROCS:
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
    for p in PROCS:
        try:
            p.wait(timeout=5)
        except Exception:
            pass


atexit.register(kill_all)
for _sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(_sig, lambda *a: sys.exit(130))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def spawn(cmd, cwd=None, env=None, log=None):
    out = open(log, "ab") if log else subprocess.DEVNULL
    # Own process group, so kill_all reaches whatever the command starts.
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=out, start_new_session=True)
    PROCS.append(p)
    return p


def http(method, url, body=None, token=None, ctype="application/json", timeout=600):
    data = None
    headers = {}
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers["Content-Type"] = ctype
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            text = r.read()
            return r.status, (json.loads(text) if text and r.headers.get_content_type().endswith("json") else text)
    except urllib.error.HTTPError as e:
        # Say which call failed and the node's problem+json, not only "HTTP Error 401".
        raise HttpError(f"{method} {url} answered {e.code}: {e.read()[:500].decode(errors='replace')}") from None


class HttpError(Exception):
    pass


def wait_for(pred, timeout, every=0.01):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(every)
    return False


def healthy(base):
    try:
        with urllib.request.urlopen(base + "healthz", timeout=1) as r:
            return r.status == 200
    except Exception:
        return False


def cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except OSError:
        return 0


def rss_bytes(pid):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE
    except OSError:
        return 0


def thread_ticks(pid):
    """CPU ticks per thread id, with the thread's name."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                raw = f.read()
            name = raw[raw.index("(") + 1 : raw.rindex(")")]
            fields = raw.rsplit(")", 1)[1].split()
            out[tid] = (name, int(fields[11]) + int(fields[12]))
        except (OSError, ValueError):
            pass
    return out


# What each of the node's threads does (names as the JVM and the node set them; /proc keeps 15 chars).
def thread_kind(name):
    if name.startswith("C2 Compiler") or name.startswith("C1 Compiler") or name.startswith("Sweeper"):
        return "JIT"
    if name.startswith("VM Thread") or name.startswith("GC "):
        return "GC"
    if name.startswith("tsunagu-pull-fe"):
        return "fetch+parse pages"
    if name.startswith("tsunagu-pull-ti"):
        return "pull timer"
    if name.startswith("tsunagu-pull"):
        return "store: chain+write+index"
    if name.startswith("tsunagu-verify") or name.startswith("ForkJoinPool-"):
        return "verify signatures"
    if name.startswith("tsunagu-push"):
        return "push"
    if name.startswith("tsunagu-http") or name.lower().startswith("grizzly"):
        return "serve HTTP"
    if name.startswith("HttpClient"):
        return "HTTP client"
    if name.startswith("tsunagu-group-c"):
        return "admin writes"
    return "other"


def kinds_between(before, after):
    """CPU seconds per kind of thread between two thread_ticks() readings of one process."""
    kinds = {}
    for tid, (name, ticks) in after.items():
        kind = thread_kind(name)
        kinds[kind] = kinds.get(kind, 0) + (ticks - before.get(tid, (name, 0))[1]) / CLK
    return kinds


class Sampler:
    """Samples RSS (max) and every thread's CPU of some processes every 50 ms until stopped."""

    def __init__(self, pids):
        self.pids = pids
        self.max_rss = {pid: 0 for pid in pids}
        self.threads = {pid: {} for pid in pids}
        self.first = {pid: thread_ticks(pid) for pid in pids}
        self.stop_flag = threading.Event()
        self.t = threading.Thread(target=self.run, daemon=True)
        self.t.start()

    def run(self):
        while not self.stop_flag.is_set():
            self.sample()
            self.stop_flag.wait(0.05)

    def sample(self):
        for pid in self.pids:
            self.max_rss[pid] = max(self.max_rss[pid], rss_bytes(pid))
            for tid, v in thread_ticks(pid).items():
                self.threads[pid][tid] = v

    def stop(self):
        self.stop_flag.set()
        self.t.join()
        self.sample()

    def by_kind(self, pid):
        """CPU seconds per kind of thread over the sampled time."""
        kinds = {}
        for tid, (name, ticks) in self.threads[pid].items():
            before = self.first[pid].get(tid, (name, 0))[1]
            kind = thread_kind(name)
            kinds[kind] = kinds.get(kind, 0) + (ticks - before) / CLK
        return kinds


class Heads:
    """A node's heads read straight from its database (read-only): no request for the node to serve."""

    def __init__(self, path):
        self.path = path
        self.conn = None

    def _conn(self):
        if self.conn is None:
            self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5, check_same_thread=False)
        return self.conn

    def heads(self):
        """{origin: (seq, hash)}, as GET /v1/feeds gives them."""
        try:
            rows = self._conn().execute("SELECT origin, seq, hash FROM log_heads").fetchall()
        except sqlite3.Error:
            self.close()
            return {}
        return {o: (s, h) for o, s, h in rows}

    def seqs(self):
        try:
            return dict(self._conn().execute("SELECT origin, seq FROM log_heads").fetchall())
        except sqlite3.Error:
            self.close()
            return {}

    def seq(self, origin):
        try:
            rows = self._conn().execute("SELECT seq FROM log_heads WHERE origin = ?", (origin,)).fetchall()
        except sqlite3.Error:
            self.close()
            return 0
        return rows[0][0] if rows else 0

    def holds(self, want):
        got = self.seqs()
        return all(got.get(o, 0) >= s for o, s in want.items())

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class Node:
    def __init__(self, work, name, hub_id, java_opts, init=True):
        self.dir = os.path.join(work, name)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.hub = hub_id
        self.log = os.path.join(work, name + ".log")
        self.env = dict(os.environ, TSUNAGU_NO_BUILD="1")
        if java_opts:
            self.env["TSUNAGU_JAVA_OPTS"] = java_opts
        self.proc = None
        self.token = None
        self.db = Heads(os.path.join(self.dir, "tsunagu.db"))
        if not init:
            return  # the first `serve` initialises the folder (scripts/bench/region.py)
        subprocess.run(
            [os.path.join(ROOT, "scripts/tsunagu"), "init", "--data", self.dir, "--hub", hub_id, "--name",
             name, "--country", "JP", "--url", self.base],
            env=self.env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(self.dir, "admin.token")) as f:
            self.token = f.read().strip()

    def start(self):
        """Starts serve; returns seconds from the process start to the first /healthz 200."""
        t0 = time.monotonic()
        self.proc = spawn([os.path.join(ROOT, "scripts/tsunagu"), "serve", "--data", self.dir, "--port",
                           str(self.port)], env=self.env, log=self.log)
        if not wait_for(lambda: healthy(self.base), 60, 0.005):
            raise SystemExit(f"{self.hub} did not become healthy; see {self.log}")
        return time.monotonic() - t0

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)

    @property
    def pid(self):
        return self.proc.pid

    def heads(self):
        _, doc = http("GET", self.base + "v1/feeds")
        return {f["origin"]: (f["seq"], f["hash"]) for f in doc["feeds"]}

    def admin(self, method, path, body=None, ctype="application/json"):
        return http(method, self.base + path, body, self.token, ctype)


def org(i, tag):
    # About the size of the pouchdb baseline's record (and of a typical directory entry).
    return {
        "id": f"{tag}-{i:07d}",
        "name": f"Organisation number {i} working on water, health and schools",
        "country": "JP",
        "sectors": ["14030", "12220", "11220"],
        "languages": ["ja", "en"],
        "website": f"https://example.org/orgs/{tag}/{i}",
        "description": "A civil-society organisation listed in the directory for the replication benchmark.",
    }


def import_orgs(node, start, count, tag, chunk=10_000):
    done = 0
    while done < count:
        n = min(chunk, count - done)
        records = [org(start + done + k, tag) for k in range(n)]
        status, report = node.admin("POST", "admin/v1/import/organizations", json.dumps(records).encode())
        if status != 200:
            raise SystemExit(f"import answered {status}: {report}")
        done += n


def same_heads(hub_heads, follower):
    # Read from the follower's database, not its API: polling GET /v1/feeds every 5-50 ms cost the
    # follower 2-5 ms of CPU a request on a cold JVM, ~11% of its CPU during a sync on two cores.
    got = follower.db.heads()
    return all(got.get(o) == v for o, v in hub_heads.items())


def couch_baseline(work, n, catchup):
    bin_ = os.path.join(ROOT, "bench-tmp/node_modules/.bin/pouchdb-server")
    servers = []
    starts = []
    for name in ("a", "b"):
        d = os.path.join(work, "couch-" + name)
        os.makedirs(d)
        port = free_port()
        t0 = time.monotonic()
        p = spawn([bin_, "--host", "127.0.0.1", "--port", str(port), "--dir", ".", "-n"], cwd=d)
        servers.append((p, port))
        if not wait_for(lambda: healthy_couch(port), 60, 0.005):
            raise SystemExit("pouchdb-server did not start")
        starts.append(time.monotonic() - t0)
    target = servers[1][0].pid
    sampler = Sampler([target])
    t0 = time.monotonic()
    out = subprocess.run(
        ["node", os.path.join(ROOT, "scripts/bench/couch-replication.js"), str(servers[0][1]),
         str(servers[1][1]), str(n), str(catchup)], check=True, capture_output=True, text=True).stdout
    sampler.stop()
    figures = dict(line.split() for line in out.strip().splitlines())
    for p, _ in servers:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    return {
        "seconds": float(figures["couch_replication_seconds"]),
        "rate": float(figures["couch_replication_docs_per_s"]),
        "catchup": float(figures.get("couch_catchup_seconds", "nan")),
        "rss": sampler.max_rss[target],
        "start": median(starts),
        "wall": time.monotonic() - t0,
    }


def healthy_couch(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as r:
            return r.status == 200
    except Exception:
        return False


def load():
    return os.getloadavg()[0]


def run(args, work):
    res = {"load_start": load()}
    if not args.skip_couch:
        print(f"# baseline: pouchdb-server replication of {args.orgs:,} docs ...", file=sys.stderr)
        res["couch"] = couch_baseline(work, args.orgs, args.catchup)

    hub = Node(work, "hub", "jp-bench-hub", args.java_opts)
    follower = Node(work, "follower", "th-bench-follower", args.follower_java_opts or args.java_opts)
    res["hub_start"] = hub.start()
    print(f"# hub: importing {args.orgs:,} organisations ...", file=sys.stderr)
    t0 = time.monotonic()
    import_orgs(hub, 0, args.orgs, "a")
    res["import_rate"] = args.orgs / (time.monotonic() - t0)
    hub_heads = hub.heads()
    total = sum(seq for seq, _ in hub_heads.values())

    print("# follower: cold start, subscribe, initial sync ...", file=sys.stderr)
    res["follower_start"] = follower.start()
    sampler = Sampler([hub.pid, follower.pid])
    cpu0 = (cpu_ticks(hub.pid), cpu_ticks(follower.pid))
    t0 = time.monotonic()
    follower.admin("POST", "admin/v1/subscriptions", {"peer": hub.base, "origins": ["*"]})
    # The hub has not pinned the follower, so its admin approves the follow (pushes start then); the
    # history comes by pull either way.
    hub.admin("POST", f"admin/v1/subscribers/{follower.hub}/approve")
    if not wait_for(lambda: same_heads(hub_heads, follower), 1800, 0.05):
        raise SystemExit("initial sync did not finish")
    res["sync_s"] = time.monotonic() - t0
    sampler.stop()
    res["sync_envelopes"] = total
    res["sync_cpu_hub"] = (cpu_ticks(hub.pid) - cpu0[0]) / CLK
    res["sync_cpu_follower"] = (cpu_ticks(follower.pid) - cpu0[1]) / CLK
    res["sync_rss"] = sampler.max_rss[follower.pid]
    res["sync_kinds_hub"] = sampler.by_kind(hub.pid)
    res["sync_kinds_follower"] = sampler.by_kind(follower.pid)

    catchups, restarts, start_cpu, catchup_kinds = [], [], [], []
    for r in range(args.restarts):
        print(f"# follower: stop, hub imports {args.catchup:,}, restart ({r + 1}/{args.restarts}) ...",
              file=sys.stderr)
        follower.stop()
        import_orgs(hub, 0, args.catchup, f"c{r}")
        hub_heads = hub.heads()
        restarts.append(follower.start())
        t0 = time.monotonic()
        start_cpu.append(cpu_ticks(follower.pid) / CLK)
        threads0 = thread_ticks(follower.pid)
        if not wait_for(lambda: same_heads(hub_heads, follower), 300, 0.005):
            raise SystemExit("catch-up did not finish")
        catchups.append(time.monotonic() - t0)
        catchup_kinds.append(kinds_between(threads0, thread_ticks(follower.pid)))
    res["catchup_s"] = catchups
    res["restart_s"] = restarts
    res["restart_start_cpu"] = start_cpu
    res["catchup_kinds"] = catchup_kinds

    lives = []
    for r in range(args.restarts):
        print(f"# live: hub imports {args.catchup:,} ({r + 1}/{args.restarts}) ...", file=sys.stderr)
        time.sleep(0.5)
        import_orgs(hub, 0, args.catchup, f"l{r}")
        t0 = time.monotonic()
        hub_heads = hub.heads()
        if not wait_for(lambda: same_heads(hub_heads, follower), 300, 0.005):
            raise SystemExit("live propagation did not finish")
        lives.append(time.monotonic() - t0)
    res["live_s"] = lives
    res["idle_rss_follower"] = rss_bytes(follower.pid)
    res["load_end"] = load()
    hub.stop()
    follower.stop()
    return res


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else float("nan")


def report(args, r):
    """Prints the figures, each next to its target and the pouchdb-server figure of the same run, as a
    Markdown table that can be pasted as it is; then where each side's CPU went."""
    mib = 1024 * 1024
    rate = r["sync_envelopes"] / r["sync_s"]
    couch = r.get("couch") or {}
    rows = []

    def row(measure, value, target="", base=None, ratio="", ok=None):
        rows.append((measure, value, target, "—" if base is None else base, ratio,
                     "" if ok is None else ("yes" if ok else "**no**")))

    def better(ours, theirs, lower_is_better):
        """How many times better than the baseline (above 1: better)."""
        if not theirs or not ours:
            return ""
        return f"{(theirs / ours if lower_is_better else ours / theirs):.2f}×"

    n = r["sync_envelopes"]
    row(f"initial sync of {n:,} envelopes (envelopes/s; pouchdb: docs/s, unsigned)", f"{rate:,.0f}",
        "≥ 10,000", f"{couch['rate']:,.0f}" if couch else None, better(rate, couch.get("rate"), False),
        rate >= 10_000)
    if couch:
        row("initial sync, times the baseline", f"{rate / couch['rate']:.2f}×", "≥ 5×", None, "",
            rate / couch["rate"] >= 5)
    row(f"initial sync of {n:,} (s)", f"{r['sync_s']:.2f}", "", f"{couch['seconds']:.2f}" if couch else None,
        better(r["sync_s"], couch.get("seconds"), True))
    cu = median(r["catchup_s"])
    row(f"catch-up of {args.catchup:,} after a restart, from healthy (s, median of {len(r['catchup_s'])};"
        " pouchdb: servers warm)", f"{cu:.3f}", "≤ 0.3", f"{couch['catchup']:.3f}" if couch else None,
        better(cu, couch.get("catchup"), True), cu <= 0.3)
    lv = median(r["live_s"])
    row(f"live: {args.catchup:,} imported on the hub until the follower has them (s, median)", f"{lv:.3f}",
        "≤ 0.3", None, "", lv <= 0.3)
    rss = r["sync_rss"] / mib
    row("follower RSS during the sync, max (MiB; pouchdb: target server)", f"{rss:.0f}", "≤ 200",
        f"{couch['rss'] / mib:.0f}" if couch else None, better(rss, couch.get("rss", 0) / mib, True), rss <= 200)
    starts = [r["follower_start"]] + r["restart_s"]
    st = median(starts)
    row(f"start to healthy, follower (s, median of {len(starts)}: fresh + restarts)", f"{st:.2f}", "≤ 1",
        f"{couch['start']:.2f}" if couch else None, better(st, couch.get("start"), True), st <= 1)
    total = median([a + b for a, b in zip(r["restart_s"], r["catchup_s"])])
    row(f"restart until caught up with {args.catchup:,} (start + catch-up, s, median)", f"{total:.2f}")
    row("follower CPU from start to healthy, restarts (s, median)", f"{median(r['restart_start_cpu']):.2f}")
    cu_cpu = [sum(k.values()) for k in r["catchup_kinds"]]
    row(f"follower CPU during a catch-up of {args.catchup:,} (s, median)", f"{median(cu_cpu):.2f}")
    row("follower RSS idle after the run (MiB)", f"{r['idle_rss_follower'] / mib:.0f}")
    row("start to healthy, hub (s)", f"{r['hub_start']:.2f}")
    row("hub import through the admin API (records/s)", f"{r['import_rate']:,.0f}")
    row("CPU per envelope during the sync, hub / serving (µs)", f"{r['sync_cpu_hub'] / n * 1e6:.0f}")
    row("CPU per envelope during the sync, follower (µs)", f"{r['sync_cpu_follower'] / n * 1e6:.0f}")

    print(f"\nEnd-to-end sync, real processes on 127.0.0.1, {args.orgs:,} organisations;"
          f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores,"
          f" load (1 min) {r['load_start']:.1f} at the start, {r['load_end']:.1f} at the end")
    print("(ratio: times better than pouchdb-server 4.2.0 in the same run, above 1 = better)\n")
    head = ("measure", "Tsunagu", "target", "pouchdb-server", "ratio", "met")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] + ["---:"] * 4 + ["---"]) + "|")
    for x in rows:
        print("| " + " | ".join(x) + " |")
    print()
    print("catch-up runs (s): " + " ".join(f"{x:.3f}" for x in r["catchup_s"])
          + "; live runs (s): " + " ".join(f"{x:.3f}" for x in r["live_s"])
          + "; starts (s): " + " ".join(f"{x:.2f}" for x in starts))
    kinds = {}
    for k in r["catchup_kinds"]:
        for kind, v in k.items():
            kinds[kind] = kinds.get(kind, 0) + v / len(r["catchup_kinds"])
    cpu = sum(kinds.values())
    parts = ", ".join(f"{k} {v:.2f}s ({v / max(cpu, 1e-9) * 100:.0f}%)"
                      for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]) if v >= 0.01)
    print(f"where the follower's CPU went during a catch-up (mean of {len(r['catchup_kinds'])}, {cpu:.2f} s): {parts}")
    for side, key, cpu in (("hub", "sync_kinds_hub", r["sync_cpu_hub"]),
                           ("follower", "sync_kinds_follower", r["sync_cpu_follower"])):
        kinds = sorted(r[key].items(), key=lambda kv: -kv[1])
        parts = ", ".join(f"{k} {v:.2f}s ({v / max(cpu, 1e-9) * 100:.0f}%)" for k, v in kinds if v >= 0.01)
        print(f"where the {side}'s CPU went during the sync ({cpu:.2f} s): {parts}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orgs", type=int, default=100_000, help="organisations on the hub (default 100000)")
    ap.add_argument("--catchup", type=int, default=1_000, help="records for catch-up and live runs")
    ap.add_argument("--restarts", type=int, default=3, help="catch-up and live runs (median reported)")
    ap.add_argument("--skip-couch", action="store_true", help="no pouchdb-server baseline")
    ap.add_argument("--java-opts", default=None, help="TSUNAGU_JAVA_OPTS for both nodes")
    ap.add_argument("--follower-java-opts", default=None,
                    help="TSUNAGU_JAVA_OPTS for the follower alone (e.g. to record it with JFR)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (logs, databases)")
    args = ap.parse_args()
    in_work_folder("e2e-", args.keep, lambda work: report(args, run(args, work)))


def in_work_folder(prefix, keep, body):
    """Runs body(work) in a fresh folder under bench-tmp/, then kills every process started and, unless
    keep, removes the folder."""
    os.makedirs(os.path.join(ROOT, "bench-tmp"), exist_ok=True)
    work = tempfile.mkdtemp(prefix=prefix, dir=os.path.join(ROOT, "bench-tmp"))
    try:
        body(work)
    finally:
        kill_all()
        if keep:
            print(f"# kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
