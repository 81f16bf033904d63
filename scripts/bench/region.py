#!/usr/bin/env python3
"""The region on one machine (issue 14, item 3): hub nodes and two forum nodes as real
`scripts/tsunagu serve` processes on 127.0.0.1, and two follow graphs compared.

  mesh:   every hub follows every other hub, for that hub's own origin only (["jp-..."], not "*": a hub
          following "*" would also relay what it holds of everyone else, and each write would arrive
          once per hub); both forums follow every hub, for its own origin.
  relay:  every hub follows both forums for every origin they hold ("*": the forums relay); both forums
          follow every hub, for its own origin. A write at a hub reaches the forums by push and the other
          hubs through the forums (each hub gets it from both).

Run through scripts/bench-region, which puts the whole run in a network namespace of its own
(`unshare -rn`) when the kernel allows it, so the loopback byte counters count the federation's traffic
and nothing else on the machine. The run:

  1. start the hubs (small JVMs, HUB_OPTS: serial GC, 96 MiB heap at most, C1 only) and the two forums
     (scripts/tsunagu's default flags); each hub imports --orgs organisations through the admin API;
  2. seed: the forums follow every hub and sync; then every hub stops, its database becomes a copy of
     forum A's with the hub's own tables (peers, subscribers, outboxes, staff, keys) kept, and it starts
     again (--seed copy, the default; see seed_by_copy). With --seed sync every hub instead follows
     forum A for "*" until it holds every hub's log, then stops following it. Either way both graphs
     start from the same state (every node holds the region), and neither graph's set-up carries the
     initial replication;
  3. per graph: subscribe (and approve) the graph's follows, then
     - writes: --writes single writes (default: one per hub, at least 30) at random hubs, one at a
       time, each timed from its request until every other hub and both forums hold it (p50/p95).
       Arrival is read from each node's SQLite database (log_heads, read-only), so the polling adds
       no network traffic and no request for the nodes to serve; after each write the loopback
       counters must stand still for 0.2 s (a relayed copy still on its way is counted with its
       write), then the next write;
       loopback bytes and CPU (all hubs, both forums) over the writes are divided by their number;
     - forum restart: forum A stops, every hub imports --changes new organisations, they reach every
       running node, a prober times a search at the hubs (sequential GETs, round robin) for 5 s, then
       forum A starts again: time from its start until it holds every hub's head, the hubs' search
       p50/p95 before vs during that catch-up, the hubs' CPU meanwhile and forum A's RSS;
     then the graph's follows are removed again (and each followed node is checked to have forgotten
     its follower).
Periodic pulls run every hour here (TSUNAGU_PULL_INTERVAL=1h; the default is 5 minutes): they cost
per subscription, not per write, and one falling inside a window would be counted as write traffic.
The table says how many subscriptions each graph has.

Defaults: issue 14's size, 60 hubs x 1,000 organisations (62 JVMs, 9-11 GiB), 60 timed writes per
graph (one per hub on average; --writes, at least 30), --changes 100 per hub while forum A is down.
Measured on the 2-core machine this project is built on (docs/OPERATIONS.md, "Which graph hubs and
forums follow"): with the sync seed the 60-hub run took 1,053 s, 418 s of it the seed's 3.7 million
stored envelopes; with the copy seed and 100 writes per graph, 846 s (2026-12-07). `--hubs 15` is a
quick run (about 4 minutes). --changes 1000, the issue's forum restart, is not the default: while
forum A is down every other node must take the 60,000 changes too (3.5 million verified and stored
envelopes per graph), and the whole run then took 1,045 s against 545 s at the default (2026-12-08,
stop 37), more than the issue's 15 minutes.
Every process started is killed when the run ends, however it ends.
"""
import argparse
import concurrent.futures
import fcntl
import os
import random
import shutil
import signal
import socket
import sqlite3
import struct
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
import e2e  # noqa: E402  (same folder: process handling, HTTP, sampling)
from e2e import CLK, ROOT, Sampler, cpu_ticks, free_port, healthy, rss_bytes, spawn, wait_for  # noqa: E402

HUB_OPTS = ("-XX:+UseSerialGC -Xms16m -Xmx96m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k"
            " -XX:+ExitOnOutOfMemoryError"
            " -XX:ReservedCodeCacheSize=24m")
PULL_INTERVAL = "1h"
PROBE_PATH = "v1/directory/organizations?q=water&limit=10"
MIB = 1024 * 1024


class Net:
    """Loopback bytes: the namespace's own `lo` when scripts/bench-region made one (it sets
    TSUNAGU_REGION_NETNS=1), else the host's, where any other local traffic counts too.

    /proc/net/dev is read, not /sys/class/net/lo/statistics: sysfs still shows the namespace the
    process that mounted it was in (the host's), /proc/net the reading process's own."""

    def __init__(self):
        self.isolated = os.environ.get("TSUNAGU_REGION_NETNS") == "1"
        if self.isolated:
            loopback_up()
        self.label = ("loopback of the bench's own network namespace (only the bench's traffic)" if self.isolated
                      else "the host's loopback (no network namespace: other local traffic counts too)")

    @staticmethod
    def bytes():
        with open("/proc/net/dev") as f:
            for line in f:
                name, _, rest = line.partition(":")
                if name.strip() == "lo":
                    return int(rest.split()[0])
        raise SystemExit("no lo in /proc/net/dev")

    def quiet(self, still=0.2, limit=3.0):
        """Waits until no byte crossed the loopback for `still` seconds (at most `limit`); None when the
        loopback is the host's (other traffic may never stop)."""
        if not self.isolated:
            return None
        end = time.monotonic() + limit
        last, since = self.bytes(), time.monotonic()
        while time.monotonic() < end:
            time.sleep(0.02)
            now = self.bytes()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= still:
                return True
        return False


def loopback_up():
    """`ip link set lo up`, without needing iproute2: a new network namespace starts with lo down."""
    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        req = struct.pack("16sH22x", b"lo", 0)
        flags = struct.unpack("16sH22x", fcntl.ioctl(s, siocgifflags, req))[1]
        fcntl.ioctl(s, siocsifflags, struct.pack("16sH22x", b"lo", flags | iff_up))


class RegionNode(e2e.Node):
    """A node whose first `serve` initialises it (one JVM start, not two).

    Its port is picked just before it starts, not when the object is made: with many hubs started over
    a minute or more, a port picked early may be taken meanwhile (outside a network namespace of its
    own, by anything on the machine), and the node then fails to bind while /healthz on that port
    answers for someone else. So start-up checks that the node answering is this hub, and starts it
    again on another port when it is not. A restart keeps the port (peers know the node by its URL)."""

    def __init__(self, work, name, hub_id, java_opts=None):
        super().__init__(work, name, hub_id, java_opts, init=False)
        self.env["TSUNAGU_PULL_INTERVAL"] = PULL_INTERVAL
        self.port = None

    def spawn(self):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.proc = spawn([os.path.join(ROOT, "scripts/tsunagu"), "serve", "--data", self.dir, "--port",
                           str(self.port), "--hub", self.hub, "--name", self.hub, "--country", "JP", "--url",
                           self.base], env=self.env, log=self.log)

    def answers_as_itself(self):
        """Whether our process is alive and the node on our port is this hub."""
        if self.proc.poll() is not None:
            return False
        try:
            return self.hub in self.heads()
        except Exception:
            return False

    def ready(self, timeout=180, tries=3):
        for attempt in range(tries):
            ok = wait_for(lambda: self.proc.poll() is not None or healthy(self.base), timeout, 0.05)
            if ok and wait_for(self.answers_as_itself, 10, 0.1):
                with open(os.path.join(self.dir, "admin.token")) as f:
                    self.token = f.read().strip()
                return
            print(f"# {self.hub}: not serving on port {self.port} (attempt {attempt + 1}; see {self.log});"
                  " starting it again on another port", file=sys.stderr)
            self.kill()
            if os.path.exists(os.path.join(self.dir, "node.json")):
                # Initialised with the old port as its URL and listen port: start from scratch.
                shutil.rmtree(self.dir, ignore_errors=True)
            self.spawn()
        raise SystemExit(f"{self.hub} did not start as itself after {tries} tries; see {self.log}")

    def stop(self):
        """SIGTERM, as an operator stops a node, and wait for it to exit."""
        self.db.close()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except Exception:
            self.kill()

    def restart(self):
        """Starts the stopped node again on its port; returns the process start (monotonic)."""
        t0 = time.monotonic()
        self.proc = spawn([os.path.join(ROOT, "scripts/tsunagu"), "serve", "--data", self.dir, "--port",
                           str(self.port)], env=self.env, log=self.log)
        return t0

    def started_again(self, what, ready=None, timeout=180):
        """Waits for a node restart() started until `ready` (default: it answers as itself); stops the run
        if the process exits first."""
        ready = ready or self.answers_as_itself
        if not wait_for(lambda: self.proc.poll() is not None or ready(), timeout, 0.02) or self.proc.poll() is not None:
            raise SystemExit(f"{what}: {self.hub} did not start again; see {self.log}")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def start_all(nodes, at_once):
    """Starts nodes a few at a time (each cold JVM wants a core for a second or two)."""
    for i in range(0, len(nodes), at_once):
        group = nodes[i:i + at_once]
        for n in group:
            n.spawn()
        for n in group:
            n.ready()


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def retrying(call, what, tries=6):
    """An admin call that a busy peer may answer 502/503 (its request slots taken): asked again after a
    short pause, as an admin would."""
    for attempt in range(tries):
        try:
            return call()
        except e2e.HttpError as e:
            busy = " answered 502" in str(e) or " answered 503" in str(e)
            if not busy or attempt == tries - 1:
                raise SystemExit(f"{what}: {e}")
            time.sleep(0.5 * (attempt + 1))


def follow(follower, peer, origins):
    """`follower` follows `peer` for `origins`, and `peer`'s admin approves it (pushes start then)."""
    retrying(lambda: follower.admin("POST", "admin/v1/subscriptions", {"peer": peer.base, "origins": origins}),
             f"{follower.hub} follows {peer.hub}")
    retrying(lambda: peer.admin("POST", f"admin/v1/subscribers/{follower.hub}/approve"),
             f"{peer.hub} approves {follower.hub}")


def unfollow(follower, peer):
    retrying(lambda: follower.admin("DELETE", f"admin/v1/subscriptions/{peer.hub}"),
             f"{follower.hub} unfollows {peer.hub}")


def in_parallel(jobs, workers):
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for f in [pool.submit(j) for j in jobs]:
            f.result()


def wants(hubs):
    """Every hub's own head, read from its database."""
    return {h.hub: h.db.seq(h.hub) for h in hubs}


def wait_holding(nodes, want, timeout, nudge_after=None, every=0.05):
    """Waits until every node holds `want`; returns (seconds, nodes still lacking, nudges).

    With nudge_after, a node still lacking after that long without progress has its failed
    subscriptions asked again (POST /admin/v1/subscriptions pulls at once): the node itself retries a
    failed pull only at its next pull interval. Nudges are counted and reported."""
    t0 = time.monotonic()
    pending = list(nodes)
    last_progress, nudges = t0, 0
    while time.monotonic() - t0 < timeout:
        still = [n for n in pending if not n.db.holds(want)]
        if len(still) < len(pending):
            last_progress = time.monotonic()
        pending = still
        if not pending:
            return time.monotonic() - t0, [], nudges
        if nudge_after and time.monotonic() - last_progress > nudge_after:
            for n in pending:
                nudges += nudge(n)
            last_progress = time.monotonic()
        time.sleep(every)
    return None, pending, nudges


def nudge(node):
    """Asks again every subscription of `node` whose last pull failed; returns how many."""
    _, doc = node.admin("GET", "admin/v1/subscriptions")
    failed = [s for s in doc["items"] if s.get("last_error")]
    for s in failed:
        print(f"# {node.hub}: pull from {s['hub']} failed ({s['last_error']}); asking again", file=sys.stderr)
        node.admin("POST", "admin/v1/subscriptions", {"peer": s["hub"], "origins": s["origins"]})
    return len(failed)


def require_holding(nodes, want, what, timeout=900):
    secs, pending, nudges = wait_holding(nodes, want, timeout, nudge_after=5)
    if secs is None:
        raise SystemExit(f"{what}: {', '.join(n.hub for n in pending)} did not catch up in {timeout} s")
    return secs, nudges


def follows(name, hubs, forums):
    """The graph's follows other than the forums' (the same in both graphs): (follower, peer, origins)."""
    if name == "mesh":
        return [(a, b, [b.hub]) for a in hubs for b in hubs if a is not b]
    return [(h, f, ["*"]) for h in hubs for f in forums]


def forgotten(pairs):
    """Followers a followed node still lists after they unfollowed it (should be none)."""
    left = []
    for peer in {id(p): p for _, p, _ in pairs}.values():
        _, doc = peer.admin("GET", "admin/v1/subscribers")
        listed = {s["hub"] for s in doc["items"]}
        left += [f"{f.hub} at {peer.hub}" for f, p, _ in pairs if p is peer and f.hub in listed]
    return left


class Prober:
    """Times a search at the hubs, one request at a time, round robin, until stopped."""

    def __init__(self, hubs):
        self.hubs = hubs
        self.samples = []  # (monotonic at the end, seconds)
        self.errors = 0
        self.stop_flag = threading.Event()
        self.t = threading.Thread(target=self.run, daemon=True)
        self.t.start()

    def run(self):
        i = 0
        while not self.stop_flag.is_set():
            h = self.hubs[i % len(self.hubs)]
            i += 1
            t0 = time.monotonic()
            try:
                with urllib.request.urlopen(h.base + PROBE_PATH, timeout=30) as r:
                    r.read()
                t1 = time.monotonic()
                self.samples.append((t1, t1 - t0))
            except Exception:
                self.errors += 1

    def between(self, a, b):
        return [s for t, s in self.samples if a <= t <= b]

    def stop(self):
        self.stop_flag.set()
        self.t.join()


def group_cpu(nodes):
    return sum(cpu_ticks(n.proc.pid) for n in nodes) / CLK


def writes_phase(name, hubs, forums, net, args, seq0):
    """Single writes at random hubs, each timed until every node holds it; bytes and CPU per write."""
    nodes = hubs + forums
    net.quiet(0.5, 10)
    # The federation at rest, for scale: CPU all nodes spend when nothing is written.
    c0, t0 = group_cpu(nodes), time.monotonic()
    time.sleep(3)  # a measuring window, not a wait for anything
    idle = (group_cpu(nodes) - c0) / (time.monotonic() - t0)
    rnd = random.Random(14)
    to_all, to_forums, to_hubs, quiet_misses = [], [], [], 0
    b0, h0, f0 = net.bytes(), group_cpu(hubs), group_cpu(forums)
    w0 = time.monotonic()
    for w in range(args.writes):
        h = rnd.choice(hubs)
        t0 = time.monotonic()
        status, _ = h.admin("POST", "admin/v1/organizations", e2e.org(seq0 + w, f"w-{name}"))
        if status != 201:
            raise SystemExit(f"write answered {status}")
        origin, target = h.hub, h.db.seq(h.hub)
        arrived = {}
        rest = [n for n in nodes if n is not h]
        while rest and time.monotonic() - t0 < 120:
            now = time.monotonic()
            for n in [n for n in rest if n.db.seq(origin) >= target]:
                arrived[n.hub] = now - t0
                rest.remove(n)
            if rest:
                time.sleep(0.005)
        if rest:
            raise SystemExit(f"{name}: write {w} at {h.hub} did not reach {', '.join(n.hub for n in rest)}")
        to_all.append(max(arrived.values()))
        to_forums.append(max(arrived[f.hub] for f in forums))
        to_hubs.append(max(v for k, v in arrived.items() if k not in {f.hub for f in forums}))
        # A copy still on its way (the second forum's, in the relay graph) belongs to this write.
        if net.quiet() is False:
            quiet_misses += 1
    n = args.writes
    return {
        "idle_cpu_ms_per_s": idle * 1000,
        "to_all": to_all, "to_forums": to_forums, "to_hubs": to_hubs,
        "kib_per_write": (net.bytes() - b0) / n / 1024,
        "hub_cpu_ms": (group_cpu(hubs) - h0) / n * 1000,
        "forum_cpu_ms": (group_cpu(forums) - f0) / n * 1000,
        "writes_s": time.monotonic() - w0,
        "quiet_misses": quiet_misses,
        "forum_rss": [rss_bytes(f.proc.pid) for f in forums],
    }


def restart_phase(name, hubs, forums, args):
    """Forum A stops, every hub makes --changes changes, forum A starts again and catches up."""
    fa, fb = forums
    fa.stop()
    t0 = time.monotonic()
    in_parallel([lambda i=i, h=h: e2e.import_orgs(h, 0, args.changes, f"r-{name}-{i}")
                 for i, h in enumerate(hubs)], args.start_at_once)
    want = wants(hubs)
    require_holding(hubs + [fb], want, f"{name}: the changes reaching the running nodes")
    res = {"spread_s": time.monotonic() - t0}
    prober = Prober(hubs)
    p0 = time.monotonic()
    time.sleep(args.probe_s)  # the prober's "before" window (a measuring window, not a wait)
    h0 = group_cpu(hubs)
    start = fa.restart()
    fa.started_again(f"{name}: forum restart", ready=lambda: healthy(fa.base))  # timed: /healthz, as before
    res["healthy_s"] = time.monotonic() - start
    sampler = Sampler([fa.proc.pid])
    fcpu0 = cpu_ticks(fa.proc.pid)
    secs, pending, _ = wait_holding([fa], want, 900, every=0.02)
    end = time.monotonic()
    sampler.stop()
    prober.stop()
    res["caught_up_s"] = None if secs is None else end - start
    res["hub_cpu_s"] = group_cpu(hubs) - h0
    res["forum_cpu_s"] = (cpu_ticks(fa.proc.pid) - fcpu0) / CLK
    res["forum_rss"] = sampler.max_rss[fa.proc.pid]
    res["before"] = prober.between(p0, start)
    res["during"] = prober.between(start, end)
    res["probe_errors"] = prober.errors
    return res


def graph(name, hubs, forums, net, args, seq0):
    print(f"# graph {name}: follows ...", file=sys.stderr)
    pairs = follows(name, hubs, forums)
    t0 = time.monotonic()
    by_follower = {}
    for f, p, o in pairs:
        by_follower.setdefault(f.hub, []).append((f, p, o))
    in_parallel([lambda jobs=jobs: [follow(*j) for j in jobs] for jobs in by_follower.values()], args.start_at_once)
    # Nothing new to pull (every node holds the region since the seed): a check that it still does.
    require_holding(hubs + forums, wants(hubs), f"{name}: set-up")
    res = {"setup_s": time.monotonic() - t0, "follows": len(pairs)}
    print(f"# graph {name}: {args.writes} single writes ...", file=sys.stderr)
    res.update(writes_phase(name, hubs, forums, net, args, seq0))
    print(f"# graph {name}: forum A stops, every hub makes {args.changes} changes, forum A restarts ...",
          file=sys.stderr)
    res["restart"] = restart_phase(name, hubs, forums, args)
    in_parallel([lambda f=f, p=p: unfollow(f, p) for f, p, _ in pairs], args.start_at_once)
    res["not_forgotten"] = forgotten(pairs)
    for left in res["not_forgotten"]:
        print(f"# {name}: {left} is still listed as a subscriber after unfollowing", file=sys.stderr)
    return res


# What seed_by_copy takes from the hub's own database: the tables about this node rather than about the
# logs it holds (its peers, subscribers, outboxes, staff, alerts, local blocks, sealed records it opened).
# Every other table is a function of the logs held, the same at every node holding the same logs.
# Listed both ways so that a table added by a later migration stops the run until it is placed here.
NODE_TABLES = {"alerts", "blocks", "erasure_receipts", "fed_outbox", "fed_peers", "fed_subscriber_claims",
               "fed_subscribers", "fed_subscriptions", "opened_records", "pending_erasures", "search_reindex",
               "staff_accounts", "staff_audit", "staff_sessions"}
LOG_TABLES = {"equivocations", "facet_changes", "facet_counts", "hub_keys", "hub_pair_counts", "hubs", "log",
              "log_heads", "organizations", "partnership_endorsements", "partnership_parties",
              "partnership_retractions", "partnerships", "search_words", "sqlite_sequence"}
FTS_TABLES = ("org_names", "org_text")  # full-text indexes and their shadow tables: about the logs held


def seed_by_copy(work, hubs, fa, args):
    """Gives every hub forum A's copy of the region (every hub's log, as forum A verified and stored it)
    while keeping what is the hub's own, instead of every hub pulling and verifying 59 other logs.

    The sync seed (--seed sync) takes hubs x (hubs - 1) x orgs envelope verifications and stores: 3.5
    million and 418 s at 60 hubs x 1,000 on two cores, more than half the run, and none of it measured.
    Here the hubs stop; forum A's database is copied once (SQLite's backup API, while it runs); each
    hub's database becomes that copy with the hub's own node tables (NODE_TABLES) and its own keys put
    back; the hubs start again. A hub then holds what the sync seed left it with (forum A's own log
    included, as there), its foreign keys are checked, and its start checks that the database's own key
    is its own. Python's sqlite3 is older than the full-text tables' options, so nothing here reads
    them: pages are copied, and only plain tables are queried."""
    t0 = time.monotonic()
    print(f"# seed: {len(hubs)} hubs stop, take forum A's copy of the region, start again ...", file=sys.stderr)
    in_parallel([h.stop for h in hubs], 16)
    region = os.path.join(work, "region-seed.db")
    src = sqlite3.connect(f"file:{fa.db.path}?mode=ro", uri=True)
    dst = sqlite3.connect(region)
    src.backup(dst)
    src.close()
    tables = {r[0] for r in dst.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    unplaced = {t for t in tables - NODE_TABLES - LOG_TABLES if not t.startswith(FTS_TABLES)}
    if unplaced:
        raise SystemExit(f"seed: tables neither a node's own nor about its logs: {sorted(unplaced)};"
                         " place them in NODE_TABLES or LOG_TABLES (scripts/bench/region.py)")
    # Forum A's own key: every hub holds it as a peer's.
    dst.execute("UPDATE hub_keys SET source = 'peer_pinned' WHERE source = 'local'")
    dst.commit()
    dst.close()

    def adopt(h):
        own = os.path.join(h.dir, "tsunagu.db")
        new = own + ".seed"
        shutil.copyfile(region, new)
        c = sqlite3.connect(new, isolation_level=None)
        c.execute("ATTACH DATABASE ? AS own", (own,))
        c.execute("BEGIN")
        for t in sorted(NODE_TABLES & tables):
            c.execute(f'DELETE FROM main."{t}"')
            c.execute(f'INSERT INTO main."{t}" SELECT * FROM own."{t}"')
        # Hubs the node knew that forum A did not (a key it pinned), then its own keys as it holds them.
        c.execute("INSERT OR IGNORE INTO main.hubs SELECT * FROM own.hubs")
        c.execute("DELETE FROM main.hub_keys WHERE hub IN (SELECT hub FROM own.hub_keys)")
        c.execute("INSERT INTO main.hub_keys SELECT * FROM own.hub_keys")
        broken = c.execute("PRAGMA main.foreign_key_check").fetchall()
        if broken:
            raise SystemExit(f"seed: {h.hub}'s copy breaks foreign keys: {broken[:5]}")
        c.execute("COMMIT")
        c.execute("DETACH DATABASE own")
        c.close()
        for leftover in (own + "-wal", own + "-shm"):
            if os.path.exists(leftover):
                os.remove(leftover)
        os.replace(new, own)

    in_parallel([lambda h=h: adopt(h) for h in hubs], 2)
    os.remove(region)
    for i in range(0, len(hubs), args.start_at_once):
        group = hubs[i:i + args.start_at_once]
        for h in group:
            h.restart()
        for h in group:
            h.started_again("seed: on its copy of the region")
    # What the copy must give every hub, asked through its API: the next hub's organisations, found by
    # the full-text search (the index came with the copy) and filtered by origin.
    for i, h in enumerate(hubs):
        other = hubs[(i + 1) % len(hubs)]
        _, page = e2e.http("GET", f"{h.base}v1/directory/organizations?q=water&hub={other.hub}&limit=1")
        if page["total_at_least"] != min(args.orgs, 1000):
            raise SystemExit(f"seed: {h.hub} finds {page['total_at_least']} of {other.hub}'s organisations"
                             f" after the copy, not {min(args.orgs, 1000)}")
    print(f"# seed: copied and started in {time.monotonic() - t0:.0f} s", file=sys.stderr)


def run(args, work, net):
    res = {"load_start": os.getloadavg()}
    hubs = [RegionNode(work, f"hub-{i:02d}", f"jp-region-hub-{i:02d}", args.hub_java_opts) for i in range(args.hubs)]
    forums = [RegionNode(work, f"forum-{x}", f"xx-region-forum-{x}", args.forum_java_opts) for x in "ab"]
    t0 = time.monotonic()
    print(f"# starting {args.hubs} hubs and 2 forums ...", file=sys.stderr)
    start_all(hubs + forums, args.start_at_once)
    res["start_s"] = time.monotonic() - t0
    print(f"# importing {args.orgs:,} organisations on each hub ...", file=sys.stderr)
    t0 = time.monotonic()
    # A few hubs at a time: each is a cold JVM whose first import is mostly waiting for its JIT.
    in_parallel([lambda i=i, h=h: e2e.import_orgs(h, 0, args.orgs, f"h{i}") for i, h in enumerate(hubs)],
                args.start_at_once)
    res["import_s"] = time.monotonic() - t0
    print("# seed: the forums follow every hub" + ("; every hub follows forum A for \"*\" until it holds the region"
          if args.seed == "sync" else "") + " ...", file=sys.stderr)
    t0 = time.monotonic()
    fa = forums[0]
    in_parallel([lambda f=f: [follow(f, h, [h.hub]) for h in hubs] for f in forums], 2)
    _, nudges_f = require_holding(forums, wants(hubs), "seed: forums")
    res["seed_forums_s"] = time.monotonic() - t0
    want = wants(hubs)
    if args.seed == "sync":
        in_parallel([lambda h=h: follow(h, fa, ["*"]) for h in hubs], args.start_at_once)
        _, nudges_h = require_holding(hubs, want, "seed: hubs")
        in_parallel([lambda h=h: unfollow(h, fa) for h in hubs], args.start_at_once)
    else:
        seed_by_copy(work, hubs, fa, args)
        _, nudges_h = require_holding(hubs, want, "seed: hubs (copied)")
    res["seed_s"] = time.monotonic() - t0
    res["seed_nudges"] = nudges_f + nudges_h
    res["seed_envelopes"] = sum(wants(hubs).values()) * (len(hubs) - 1 + len(forums))
    res["hub_rss"] = sorted(rss_bytes(h.proc.pid) for h in hubs)
    for i, name in enumerate(args.graphs):
        res[name] = graph(name, hubs, forums, net, args, 1_000_000 * (1 + i))
    res["load_end"] = os.getloadavg()
    for n in hubs + forums:
        n.db.close()
        n.kill()
    return res


def report(args, r, net, t_start):
    """Both graphs side by side as a Markdown table that can be pasted as it is; ratio is relay / mesh."""
    g = args.graphs
    n_hubs = args.hubs
    la0, la1 = r["load_start"], r["load_end"]
    print(f"\nThe region on one machine: {n_hubs} hubs x {args.orgs:,} organisations + 2 forums, each a"
          f" `scripts/tsunagu serve` process on 127.0.0.1; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())},"
          f" {os.cpu_count()} cores, load average (1/5/15 min) {la0[0]:.1f}/{la0[1]:.1f}/{la0[2]:.1f} at the start,"
          f" {la1[0]:.1f}/{la1[1]:.1f}/{la1[2]:.1f} at the end; whole run {time.monotonic() - t_start:.0f} s")
    print(f"hubs: JVM flags {args.hub_java_opts}; RSS median {pct(r['hub_rss'], 50) / MIB:.0f} MiB"
          f" (max {r['hub_rss'][-1] / MIB:.0f}) after the seed. forums: JVM flags"
          f" {args.forum_java_opts or 'scripts/tsunagu defaults'}. Pull interval {PULL_INTERVAL}.")
    how = ("each hub's own log synced by both forums, forum A's database then copied to every hub with the"
           " hub's own tables kept (--seed copy)") if args.seed == "copy" else (
        f"{r['seed_envelopes']:,} envelopes synced and stored in all (--seed sync)")
    print(f"start of all nodes {r['start_s']:.0f} s, imports {r['import_s']:.0f} s, seed (every node holds the"
          f" region: {how}) {r['seed_s']:.0f} s, of which the forums'"
          f" {r['seed_forums_s']:.0f} s"
          f"{'' if not r['seed_nudges'] else ', failed pulls asked again: ' + str(r['seed_nudges'])}.")
    print(f"bytes: {net.label}, IP and TCP headers included, the write requests themselves included.")
    print("mesh: every hub follows every other hub (its own origin), both forums follow every hub; relay: every hub"
          " follows both forums (\"*\"), both forums follow every hub (its own origin). Writes timed from the"
          " request until every other node holds it. ratio: relay / mesh.\n")
    rows = []

    def row(label, f, num=None):
        vals = [f(r[x]) for x in g]
        ratio = ""
        if num and len(g) == 2 and set(g) == {"mesh", "relay"}:
            m, x = num(r["mesh"]), num(r["relay"])
            ratio = f"{x / m:.2f}" if m else ""
        rows.append((label, *vals, ratio))

    forum_follows = 2 * n_hubs
    row("subscriptions (each a pull every interval)", lambda x: f"{x['follows'] + forum_follows:,}",
        lambda x: x["follows"] + forum_follows)
    row("set-up of the graph's follows (s)", lambda x: f"{x['setup_s']:.1f}", lambda x: x["setup_s"])
    row(f"one write until all {n_hubs + 2} nodes hold it, p50 / p95 (s)",
        lambda x: f"{pct(x['to_all'], 50):.3f} / {pct(x['to_all'], 95):.3f}", lambda x: pct(x["to_all"], 50))
    row("… until both forums hold it, p50 / p95 (s)",
        lambda x: f"{pct(x['to_forums'], 50):.3f} / {pct(x['to_forums'], 95):.3f}", lambda x: pct(x["to_forums"], 50))
    row("… until every hub holds it, p50 / p95 (s)",
        lambda x: f"{pct(x['to_hubs'], 50):.3f} / {pct(x['to_hubs'], 95):.3f}", lambda x: pct(x["to_hubs"], 50))
    row("loopback bytes per write, whole federation (KiB)", lambda x: f"{x['kib_per_write']:.1f}",
        lambda x: x["kib_per_write"])
    row("CPU per write, all hubs (ms)", lambda x: f"{x['hub_cpu_ms']:.0f}", lambda x: x["hub_cpu_ms"])
    row("CPU per write, both forums (ms)", lambda x: f"{x['forum_cpu_ms']:.0f}", lambda x: x["forum_cpu_ms"])
    row("CPU of all nodes at rest (ms per s)", lambda x: f"{x['idle_cpu_ms_per_s']:.0f}",
        lambda x: x["idle_cpu_ms_per_s"])
    row("forums' RSS after the writes, A / B (MiB)",
        lambda x: " / ".join(f"{v / MIB:.0f}" for v in x["forum_rss"]), lambda x: max(x["forum_rss"]))
    rr = lambda x: x["restart"]  # noqa: E731
    row(f"forum A down, every hub makes {args.changes:,} changes: until every running node holds them (s)",
        lambda x: f"{rr(x)['spread_s']:.1f}", lambda x: rr(x)["spread_s"])
    row("forum A restarts: start to healthy (s)", lambda x: f"{rr(x)['healthy_s']:.1f}", lambda x: rr(x)["healthy_s"])
    row(f"forum A restarts: start until it holds all {n_hubs * args.changes:,} new (s)",
        lambda x: "did not" if rr(x)["caught_up_s"] is None else f"{rr(x)['caught_up_s']:.1f}",
        lambda x: rr(x)["caught_up_s"] or 0)
    row("forum A's RSS during its catch-up, max (MiB)", lambda x: f"{rr(x)['forum_rss'] / MIB:.0f}",
        lambda x: rr(x)["forum_rss"])
    row("forum A's CPU during its catch-up (s)", lambda x: f"{rr(x)['forum_cpu_s']:.1f}", lambda x: rr(x)["forum_cpu_s"])
    row("hubs' CPU during forum A's restart and catch-up, all hubs (s)", lambda x: f"{rr(x)['hub_cpu_s']:.1f}",
        lambda x: rr(x)["hub_cpu_s"])
    row("search at the hubs, p50 / p95 before (ms)",
        lambda x: f"{pct(rr(x)['before'], 50) * 1000:.0f} / {pct(rr(x)['before'], 95) * 1000:.0f}",
        lambda x: pct(rr(x)["before"], 95))
    row("search at the hubs, p50 / p95 during forum A's restart and catch-up (ms)",
        lambda x: f"{pct(rr(x)['during'], 50) * 1000:.0f} / {pct(rr(x)['during'], 95) * 1000:.0f}",
        lambda x: pct(rr(x)["during"], 95))
    head = ("measure", *g, "ratio")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
    for x in rows:
        print("| " + " | ".join(x) + " |")
    print()
    for x in g:
        d = r[x]
        notes = [f"{args.writes} writes in {d['writes_s']:.0f} s",
                 f"search samples before/during {len(d['restart']['before'])}/{len(d['restart']['during'])}"
                 f" ({d['restart']['probe_errors']} failed)"]
        if d["quiet_misses"]:
            notes.append(f"{d['quiet_misses']} writes after which the loopback did not fall quiet within 3 s")
        if d["not_forgotten"]:
            notes.append("still listed as subscribers after unfollowing: " + ", ".join(d["not_forgotten"]))
        print(f"{x}: " + "; ".join(notes))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hubs", type=int, default=60, help="hub nodes (default 60, issue 14's region)")
    ap.add_argument("--orgs", type=int, default=1000, help="organisations per hub (default 1000, issue 14's low end)")
    ap.add_argument("--changes", type=int, default=100,
                    help="changes per hub while forum A is down (default 100; issue 14 says 1000)")
    ap.add_argument("--writes", type=int, default=None,
                    help="single writes timed per graph (default: one per hub, at least 30)")
    ap.add_argument("--graphs", nargs="+", default=["mesh", "relay"], choices=["mesh", "relay"])
    ap.add_argument("--start-at-once", type=int, default=4, help="nodes started (and admin calls made) at once")
    ap.add_argument("--probe-s", type=float, default=5.0, help="seconds of searches timed before the restart")
    ap.add_argument("--hub-java-opts", default=HUB_OPTS, help="TSUNAGU_JAVA_OPTS for the hubs")
    ap.add_argument("--forum-java-opts", default=None, help="TSUNAGU_JAVA_OPTS for the forums (default: scripts/tsunagu's)")
    ap.add_argument("--seed", default="copy", choices=["copy", "sync"],
                    help="how every hub comes to hold the region before the graphs: forum A's database"
                         " copied to each hub with the hub's own tables kept (default), or every hub"
                         " following forum A until it holds every log (slow: 418 s of 1,053 at 60 hubs)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (logs, databases)")
    args = ap.parse_args()
    if args.writes is None:
        args.writes = max(args.hubs, 30)
    t0 = time.monotonic()
    net = Net()
    e2e.in_work_folder("region-", args.keep, lambda work: report(args, run(args, work, net), net, t0))


if __name__ == "__main__":
    main()
