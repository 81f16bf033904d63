# Keep-alive GET load for scripts/bench-proxy: HOST PORT http|https PATH SECONDS THREADS; prints requests/s.
import http.client, ssl, sys, threading, time
host, port, tls, path, secs, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "https", sys.argv[4], float(sys.argv[5]), int(sys.argv[6])
ctx = ssl.create_default_context(cafile="ca.pem")  # in the working directory if tls else None
counts = [0] * threads
def worker(i):
    c = http.client.HTTPSConnection(host, port, context=ctx) if tls else http.client.HTTPConnection(host, port)
    end = time.time() + secs
    while time.time() < end:
        c.request("GET", path); r = c.getresponse(); r.read()
        if r.status == 200: counts[i] += 1
ts = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
[t.start() for t in ts]; [t.join() for t in ts]
print(f"{sum(counts)/secs:.0f}")
