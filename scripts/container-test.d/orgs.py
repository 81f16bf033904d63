# Generated organisations for scripts/container-test.d/search-bench, and its wrk query script.
#   orgs.py N CHUNK OUTDIR   writes OUTDIR/NNNN.json, CHUNK organisations each (admin import format)
#   orgs.py --queries        prints a wrk Lua script that cycles through a mix of directory searches
import json, os, random, sys, urllib.parse

EN = ["education", "health", "water", "community", "women", "refugees", "farmers", "rights", "disaster",
      "literacy", "youth", "environment", "volunteer", "network", "forum", "agriculture", "children"]
JA = ["国際協力", "子ども支援", "災害救援", "日本語教室", "医療", "福祉", "センター", "ボランティア", "ネットワーク"]
TH = ["การศึกษา", "สุขภาพ", "ชุมชน", "สิ่งแวดล้อม", "เกษตรกร", "มูลนิธิ"]
COUNTRIES = ["JP", "TH", "PH", "NP", "KH", "MM", "VN", "ID", "GB", "LA"]
SECTORS = ["11220", "12220", "15150", "72010", "41030", "31120", "16010"]

def org(i, rnd):
    words = rnd.sample(EN, 3)
    name = f"{words[0].title()} {words[1].title()} {rnd.choice(JA)} {rnd.choice(TH)} {i}"
    return {"id": f"bench-{i}", "name": name, "country": rnd.choice(COUNTRIES),
            "sectors": [rnd.choice(SECTORS)], "languages": ["en"],
            "description": f"Works on {words[2]} and {rnd.choice(EN)} with {rnd.choice(JA)} {rnd.choice(TH)}."}

def chunks(n, size, out):
    rnd = random.Random(15)
    for start in range(0, n, size):
        with open(os.path.join(out, f"{start // size:04d}.json"), "w", encoding="utf-8") as f:
            json.dump([org(i, rnd) for i in range(start, min(n, start + size))], f, ensure_ascii=False)

def queries():
    qs = [f"q={urllib.parse.quote(w)}" for w in EN[:10]]
    qs += [f"q={urllib.parse.quote(w)}" for w in ("educ", "commun", "refug")]
    qs += [f"q={urllib.parse.quote(w)}" for w in ("支援", "協会", "国際協力", "せんたー", "การศึกษา", "ชุมชน")]
    qs += ["country=JP&sector=15150", "country=TH", f"q=community&country=PH", f"q={urllib.parse.quote('支援')}&country=JP"]
    paths = ", ".join(f'"/v1/directory/organizations?{q}"' for q in qs)
    print(f"""local paths = {{{paths}}}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("latency ms: p50 %.2f p95 %.2f p99 %.2f max %.2f over %d requests of %d kinds\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, #paths))
end
""")

if sys.argv[1] == "--queries":
    queries()
else:
    chunks(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
