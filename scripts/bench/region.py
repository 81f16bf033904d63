#!/usr/bin/env python3
"""The region on one machine (issue 14): hub nodes and forum nodes as real `scripts/tsunagu serve`
processes on 127.0.0.1, two follow graphs compared.

Run through scripts/bench-region. Hubs run small (serial GC, small heap, C1 only: 60 JVMs share two
cores); forums run with the defaults of scripts/tsunagu. Each hub imports its organisations through the
admin API. Then, for each graph, two fresh forums:
  direct:  both forums follow every hub;
  relayed: forum A follows every hub, forum B follows forum A alone (origins relayed, learned on sight).
and the script times: the forums' initial sync (until both hold every hub's head), one write at a random
hub until it is at each forum (p50/p95 over --writes writes), the hubs' CPU per write, and the forums'
RSS and CPU. Every process started is killed when it ends, however it ends.
"""
import argparse
import concurrent.futures
import os
import random
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import e2e  # noqa: E402  (same folder: process handling, HTTP, sampling)
from e2e import ROOT, CLK, Sampler, cpu_ticks, free_port, healthy, http, rss_bytes, spawn, wait_for  # noqa: E402

HUB_OPTS = ("-XX:+UseSerialGC -Xms16m -Xmx96m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k"
            " -XX:ReservedCodeCacheSize=24m")


class RegionNode(e2e.Node):
    """A node whose first `serve` initialises it (one JVM start, not two).

    Its port is picked just before it starts, not when the object is made: with 60 hubs started over a
    minute or more, a port picked early may be taken meanwhile (by an outgoing connection, or by another
    server on a shared machine), and the node then fails to bind while /healthz on that port answers for
    someone else, whose admin API refuses our token with 401. So start-up checks that the node answering
    is this hub, and starts it again on another port when it is not."""

    def __init__(self, work, name, hub_id, java_opts=None):
        super().__init__(work, name, hub_id, java_opts, init=False)
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

    def kill(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def seqs(self):
        return {o: seq for o, (seq, _) in self.heads().items()}


def start_all(nodes, at_once):
    """Starts nodes a few at a time (each cold JVM wants a core for a second)."""
    for i in range(0, len(nodes), at_once):
        group = nodes[i:i + at_once]
        for n in group:
            n.spawn()
        for n in group:
            n.ready()


def holds(forum, want):
    try:
        got = forum.seqs()
    except Exception:
        return False
    return all(got.get(o, 0) >= s for o, s in want.items())


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def follow(follower, peer, origins=("*",)):
    follower.admin("POST", "admin/v1/subscriptions", {"peer": peer.base, "origins": list(origins)})
    peer.admin("POST", f"admin/v1/subscribers/{follower.hub}/approve")


def graph(name, work, hubs, args, seq0):
    """Two fresh forums in the shape `name`; returns the figures."""
    fa = RegionNode(work, f"forum-{name}-a", f"xx-forum-{name}-a")
    fb = RegionNode(work, f"forum-{name}-b", f"xx-forum-{name}-b")
    start_all([fa, fb], 2)
    want = {h.hub: h.seqs()[h.hub] for h in hubs}
    sampler = Sampler([fa.proc.pid, fb.proc.pid])
    cpu0 = {n.hub: cpu_ticks(n.proc.pid) for n in (fa, fb)}
    t0 = time.monotonic()
    if name == "relayed":
        follow(fb, fa)
    for h in hubs:
        follow(fa, h)
        if name == "direct":
            follow(fb, h)
    if not wait_for(lambda: holds(fa, want) and holds(fb, want), 1800, 0.1):
        raise SystemExit(f"{name}: the forums did not sync")
    sync_s = time.monotonic() - t0
    sampler.stop()
    res = {
        "sync_s": sync_s,
        "envelopes": sum(want.values()),
        "forum_rss": max(sampler.max_rss.values()),
        "forum_cpu_sync": sum((cpu_ticks(n.proc.pid) - cpu0[n.hub]) / CLK for n in (fa, fb)),
    }
    # Writes at random hubs, one at a time, each timed until it is at each forum.
    rnd = random.Random(14)
    to_a, to_b, to_both = [], [], []
    hub_cpu0 = sum(cpu_ticks(h.proc.pid) for h in hubs)
    forum_cpu0 = sum(cpu_ticks(n.proc.pid) for n in (fa, fb))
    for w in range(args.writes):
        h = rnd.choice(hubs)
        time.sleep(0.2)
        status, _ = h.admin("POST", "admin/v1/organizations", e2e.org(seq0 + w, f"w-{name}"))
        t0 = time.monotonic()
        if status != 201:
            raise SystemExit(f"write answered {status}")
        target = {h.hub: h.seqs()[h.hub]}
        seen = {}
        while len(seen) < 2 and time.monotonic() - t0 < 120:
            for key, forum in (("a", fa), ("b", fb)):
                if key not in seen and holds(forum, target):
                    seen[key] = time.monotonic() - t0
            time.sleep(0.003)
        if len(seen) < 2:
            raise SystemExit(f"{name}: write {w} did not reach both forums")
        to_a.append(seen["a"])
        to_b.append(seen["b"])
        to_both.append(max(seen.values()))
    res["hub_cpu_per_write_ms"] = (sum(cpu_ticks(h.proc.pid) for h in hubs) - hub_cpu0) / CLK / args.writes * 1000
    res["forum_cpu_per_write_ms"] = (sum(cpu_ticks(n.proc.pid) for n in (fa, fb)) - forum_cpu0) / CLK / args.writes * 1000
    res["to_a"], res["to_b"], res["to_both"] = to_a, to_b, to_both
    res["forum_rss_idle"] = max(rss_bytes(n.proc.pid) for n in (fa, fb))
    fa.kill()
    fb.kill()
    return res


def run(args, work):
    res = {"load_start": os.getloadavg()[0]}
    hubs = [RegionNode(work, f"hub-{i:02d}", f"jp-region-hub-{i:02d}", args.hub_java_opts) for i in range(args.hubs)]
    t0 = time.monotonic()
    print(f"# starting {args.hubs} hubs ...", file=sys.stderr)
    start_all(hubs, args.start_at_once)
    res["hubs_start_s"] = time.monotonic() - t0
    print(f"# importing {args.orgs} organisations on each hub ...", file=sys.stderr)
    t0 = time.monotonic()
    # A few hubs at a time: each is a cold JVM whose first import is mostly waiting for its JIT.
    with concurrent.futures.ThreadPoolExecutor(args.start_at_once) as pool:
        list(pool.map(lambda ih: e2e.import_orgs(ih[1], 0, args.orgs, f"h{ih[0]}"), enumerate(hubs)))
    res["import_s"] = time.monotonic() - t0
    res["hub_rss"] = sorted(rss_bytes(h.proc.pid) for h in hubs)
    for name in args.graphs:
        print(f"# graph {name}: two fresh forums, sync, {args.writes} writes ...", file=sys.stderr)
        res[name] = graph(name, work, hubs, args, 1_000_000 * (1 + args.graphs.index(name)))
    for h in hubs:
        h.kill()
    return res


def report(args, r):
    """Prints the figures of both graphs as a Markdown table that can be pasted as it is; ratio is
    relayed / direct (below 1: the relayed graph needs less)."""
    mib = 1024 * 1024
    print(f"\nThe region on one machine: {args.hubs} hubs x {args.orgs:,} organisations + 2 forums, real processes on"
          f" 127.0.0.1; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores,"
          f" load (1 min) {r['load_start']:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print(f"hubs: start of all {r['hubs_start_s']:.1f} s, imports {r['import_s']:.1f} s, RSS median"
          f" {pct(r['hub_rss'], 50) / mib:.0f} MiB (max {r['hub_rss'][-1] / mib:.0f}), JVM flags: {args.hub_java_opts}")
    print("(direct: both forums follow every hub; relayed: forum A follows every hub, forum B follows forum A"
          " alone; ratio: relayed / direct)\n")
    rows = []

    def row(label, f, num=None):
        vals = [f(r[g]) for g in args.graphs]
        ratio = ""
        if num and len(args.graphs) == 2 and all(g in r for g in ("direct", "relayed")):
            d, x = num(r["direct"]), num(r["relayed"])
            ratio = f"{x / d:.2f}" if d else ""
        rows.append((label, *vals, ratio))

    row("forums' initial sync (s)", lambda g: f"{g['sync_s']:.1f}", lambda g: g["sync_s"])
    row("envelopes per forum", lambda g: f"{g['envelopes']:,}")
    row("forums' CPU for the sync (s)", lambda g: f"{g['forum_cpu_sync']:.1f}", lambda g: g["forum_cpu_sync"])
    for key, label in (("to_a", "forum A"), ("to_b", "forum B"), ("to_both", "both forums")):
        row(f"one write to {label}, p50 / p95 (s)",
            lambda g, k=key: f"{pct(g[k], 50):.3f} / {pct(g[k], 95):.3f}", lambda g, k=key: pct(g[k], 95))
    row("hubs' CPU per write, all hubs (ms)", lambda g: f"{g['hub_cpu_per_write_ms']:.1f}",
        lambda g: g["hub_cpu_per_write_ms"])
    row("forums' CPU per write, both (ms)", lambda g: f"{g['forum_cpu_per_write_ms']:.1f}",
        lambda g: g["forum_cpu_per_write_ms"])
    row("forum RSS during sync, max (MiB)", lambda g: f"{g['forum_rss'] / mib:.0f}", lambda g: g["forum_rss"])
    row("forum RSS after the writes (MiB)", lambda g: f"{g['forum_rss_idle'] / mib:.0f}",
        lambda g: g["forum_rss_idle"])
    head = ("measure", *args.graphs, "ratio")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
    for x in rows:
        print("| " + " | ".join(x) + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hubs", type=int, default=60)
    ap.add_argument("--orgs", type=int, default=1000, help="organisations per hub (default 1000, the low end of issue 14)")
    ap.add_argument("--writes", type=int, default=30, help="single writes timed per graph (default 30)")
    ap.add_argument("--graphs", nargs="+", default=["direct", "relayed"], choices=["direct", "relayed"])
    ap.add_argument("--start-at-once", type=int, default=4, help="hubs started together (default 4)")
    ap.add_argument("--hub-java-opts", default=HUB_OPTS, help="TSUNAGU_JAVA_OPTS for the hubs")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (logs, databases)")
    args = ap.parse_args()
    t0 = time.monotonic()

    def body(work):
        report(args, run(args, work))
        print(f"(whole run {time.monotonic() - t0:.0f} s)")

    e2e.in_work_folder("region-", args.keep, body)


if __name__ == "__main__":
    main()
