// CouchDB-protocol baseline for scripts/bench-federation: replicate N ~600-byte records between two
// pouchdb-server 4.2.0 instances (leveldb, loopback). Usage: node couch-replication.js PORT_A PORT_B N [C]
// Prints "couch_replication_seconds S" and "couch_replication_docs_per_s R". With C (scripts/bench-e2e),
// then writes C more docs to A and replicates again, one-shot from the checkpoint the first replication
// left (servers warm), and prints "couch_catchup_seconds S".
'use strict';
const [portA, portB, nText] = process.argv.slice(2);
const n = Number(nText || 100000);
const catchup = Number(process.argv[5] || 0);
const a = `http://127.0.0.1:${portA}`;
const b = `http://127.0.0.1:${portB}`;

async function call(method, url, body) {
  const r = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${url} -> ${r.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

function record(i) {
  // About the size of one of our org.upsert envelopes (~600 bytes of JSON).
  return {
    _id: `org-${String(i).padStart(7, '0')}`,
    origin: 'jp-hub',
    seq: i + 1,
    type: 'org.upsert',
    ts: new Date(1767225600000 + i * 1000).toISOString(),
    body: {
      id: `org-${i}`,
      name: `Organisation number ${i} working on water, health and schools`,
      country: 'JP',
      sectors: ['14030', '12220', '11220'],
      languages: ['ja', 'en'],
      website: `https://example.org/orgs/${i}`,
      description: 'A civil-society organisation listed in the directory for the replication benchmark.',
    },
    key: 'ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    sig: 'x'.repeat(86),
  };
}

(async () => {
  await call('PUT', `${a}/src`);
  for (let i = 0; i < n; i += 1000) {
    const docs = [];
    for (let j = i; j < Math.min(n, i + 1000); j++) docs.push(record(j));
    await call('POST', `${a}/src/_bulk_docs`, { docs });
  }
  const t0 = process.hrtime.bigint();
  const r = await call('POST', `${b}/_replicate`, { source: `${a}/src`, target: 'dst', create_target: true });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const info = await call('GET', `${b}/dst`);
  if (info.doc_count !== n) throw new Error(`replicated ${info.doc_count} of ${n}: ${JSON.stringify(r).slice(0, 300)}`);
  console.log(`couch_replication_seconds ${s.toFixed(3)}`);
  console.log(`couch_replication_docs_per_s ${(n / s).toFixed(1)}`);
  if (catchup > 0) {
    const docs = [];
    for (let j = n; j < n + catchup; j++) docs.push(record(j));
    await call('POST', `${a}/src/_bulk_docs`, { docs });
    const c0 = process.hrtime.bigint();
    await call('POST', `${b}/_replicate`, { source: `${a}/src`, target: 'dst' });
    const cs = Number(process.hrtime.bigint() - c0) / 1e9;
    const after = await call('GET', `${b}/dst`);
    if (after.doc_count !== n + catchup) throw new Error(`caught up ${after.doc_count} of ${n + catchup}`);
    console.log(`couch_catchup_seconds ${cs.toFixed(3)}`);
  }
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
