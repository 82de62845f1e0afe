// Load and fault benchmark of the sync server (server/sync-server.mjs).
//
//   npm run bench:sync -- [--seconds=60] [--clients=50] [--runs=one,two,fault,fault-two] [--down=2]
//
// N simulated analysts (Hocuspocus providers in this Node process, `ws` as
// their WebSocket) share one scenario room: the room is seeded once with the
// first shipped scenario in the Yjs layout of lib/sync/ydoc.ts; then each
// analyst, once a second, types a short marker at the end of a node's
// summary (a Y.Text of `scenario:nodes`, as the binding does for typing) and
// records the edit in `bench:edits` (edit id -> time sent). Every other
// client measures how long the edit took to reach it.
//
// Runs:
//   one    one server instance (the embedded default: SQLite);
//   two    two instances joined by Redis, rooms in PostgreSQL, the analysts
//          spread over both (a throwaway redis-server and PostgreSQL cluster
//          are started on free loopback ports, scripts/services.mjs);
//   fault  one instance (SQLite) killed with SIGKILL halfway through and
//          restarted after --down seconds; the analysts keep editing while it
//          is down and reconnect by themselves;
//   fault-two  the same on two instances (Redis + PostgreSQL): instance a is
//          killed and restarted while b keeps serving its half.
// Each run ends by checking that every client's final document is identical
// (and reads back as a valid scenario) and that every edit every client
// made is in every client's document and in the copy a fresh client gets
// from the server. Prints a table; exits 1 when a check fails. Figures also
// go to bench-results/sync.json. Not part of `npm test`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { tsLoader } from './ts-loader.mjs';
import { mintToken } from '../lib/sync/tokens.mjs';
import { freePort, startPostgres, startRedis } from './services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  return args[i].includes('=') ? args[i].split('=').slice(1).join('=') : args[i + 1];
};
const SECONDS = Number(opt('seconds', 60));
const CLIENTS = Number(opt('clients', 50));
const DOWN_S = Number(opt('down', 2));
const RUNS = String(opt('runs', 'one,two,fault,fault-two')).split(',').map((s) => s.trim()).filter(Boolean);
const SECRET = 'bench-secret-0123456789abcdef';
const ROOM = 'bench-scenario';
if (!(SECONDS > 0) || !(CLIENTS >= 2)) {
  console.error('usage: node scripts/bench-sync.mjs [--seconds=60] [--clients=50] [--runs=one,two,fault,fault-two] [--down=2]');
  process.exit(2);
}

const now = () => performance.timeOrigin + performance.now();
const token = (role = 'editor') => mintToken(SECRET, { room: ROOM, role, expiresAt: Date.now() + 86_400_000 });

// Everything started here is stopped on the way out, whatever happens.
const stops = [];
async function stopAll() {
  while (stops.length) await stops.pop()().catch(() => undefined);
}
process.on('SIGINT', () => stopAll().then(() => process.exit(130)));

// ---------------------------------------------------------------------------
// The scenario (TypeScript modules of lib/, loaded through Vite's SSR loader).

const vite = await tsLoader(root);
const { encodeDocument, decodeDocument } = await vite.ssrLoadModule('/lib/sync/ydoc.ts');
const { shippedScenarios } = await vite.ssrLoadModule('/lib/scenarios.ts');
const { emptyAnnotations } = await vite.ssrLoadModule('/lib/annotations/types.ts');
const { canonicalDocument } = await vite.ssrLoadModule('/lib/io/snapshot.ts');
const scenario = shippedScenarios()[0];
const seedUpdate = Y.encodeStateAsUpdate(encodeDocument({ scenario, annotations: emptyAnnotations(), shippedFrom: scenario.id }));
const nodeIds = scenario.nodes.map((n) => n.id);

// ---------------------------------------------------------------------------
// Servers.

function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function startSync({ dir, port, env = {} }) {
  const proc = spawn(process.execPath, [path.join(root, 'server', 'sync-server.mjs')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', SYNC_PORT: String(port), SYNC_HOST: '127.0.0.1', SYNC_DATA_DIR: dir, SYNC_SECRET: SECRET, SYNC_QUIET: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const deadline = Date.now() + 20_000;
  while (!out.includes('SYNC_READY')) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`sync server did not start:\n${out}`);
    await sleep(20);
  }
  const s = {
    proc,
    port,
    url: `ws://127.0.0.1:${port}`,
    peakRss: 0,
    output: () => out,
    kill: async (signal = 'SIGTERM') => {
      clearInterval(sampler);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
  const sampler = setInterval(() => {
    const r = rssMiB(proc.pid);
    if (r > s.peakRss) s.peakRss = r;
  }, 250);
  s.rss = () => rssMiB(proc.pid);
  stops.push(() => s.kill());
  return s;
}

// ---------------------------------------------------------------------------
// Clients.

function makeClient(i, url) {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const c = { i, url, doc, socket, synced: false, made: 0, latencies: [], measuring: false, reconnectedAt: null };
  c.provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: ROOM,
    document: doc,
    token: token(i === 0 ? 'owner' : 'editor'),
    onSynced: () => {
      c.synced = true;
      if (c.reconnectedAt === null) c.reconnectedAt = now();
    },
  });
  c.provider.attach();
  doc.getMap('bench:edits').observe((event, tr) => {
    if (!c.measuring || tr.local) return;
    const t = now();
    const map = event.target;
    for (const [key, change] of event.changes.keys) {
      if (change.action === 'add') c.latencies.push(t - map.get(key));
    }
  });
  c.edit = () => {
    c.made += 1;
    const id = `c${i}:${c.made}`;
    doc.transact(() => {
      const node = doc.getMap('scenario:nodes').get(nodeIds[(i + c.made) % nodeIds.length]);
      const summary = node?.get('summary');
      if (summary instanceof Y.Text) summary.insert(summary.length, ` [${id}]`);
      doc.getMap('bench:edits').set(id, now());
    });
  };
  c.destroy = () => {
    c.provider.destroy();
    socket.destroy();
  };
  stops.push(async () => c.destroy());
  return c;
}

async function waitFor(cond, ms, what) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** Every top-level type as JSON with sorted keys: equal strings, equal documents. */
function fingerprint(doc) {
  const sortKeys = (v) => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
    return v;
  };
  const out = {};
  for (const name of [...doc.share.keys()].sort()) out[name] = doc.getMap(name).toJSON();
  return JSON.stringify(sortKeys(out));
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Which edits (of `made[i]` per client) a document lacks, in its edit map and in the summaries' text. */
function missingEdits(doc, made) {
  const edits = doc.getMap('bench:edits');
  const text = [...doc.getMap('scenario:nodes').values()].map((n) => String(n.get('summary') ?? '')).join('\n');
  const inText = new Set(text.match(/\[c\d+:\d+\]/g) ?? []);
  const missing = [];
  made.forEach((count, i) => {
    for (let k = 1; k <= count; k++) {
      const id = `c${i}:${k}`;
      if (!edits.has(id) || !inText.has(`[${id}]`)) missing.push(id);
    }
  });
  return missing;
}

// ---------------------------------------------------------------------------
// One run.

async function run(name, { instances, fault = false }) {
  const servers = await instances();
  const urlOf = (i) => servers[i % servers.length].url;
  const clients = [];
  for (let i = 0; i < CLIENTS; i++) clients.push(makeClient(i, urlOf(i)));
  await waitFor(() => clients.every((c) => c.synced), 30_000, 'every client to connect and sync');
  // Seed once (from client 0), then wait for every client to hold the scenario.
  Y.applyUpdate(clients[0].doc, seedUpdate, 'seed');
  await waitFor(() => clients.every((c) => c.doc.getMap('scenario:nodes').size === nodeIds.length), 30_000, 'every client to receive the seeded scenario');

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  for (const c of clients) c.measuring = true;
  const started = now();
  const endAt = started + SECONDS * 1000;
  // Each analyst edits once a second, the analysts spread over the second.
  const timers = clients.map((c) =>
    setTimeout(() => {
      c.edit();
      c.timer = setInterval(() => {
        if (now() < endAt) c.edit();
      }, 1000);
    }, (c.i * 1000) / CLIENTS),
  );

  let faultInfo = null;
  if (fault) {
    await sleep((SECONDS * 1000) / 2);
    const victim = servers[0];
    const killedAt = now();
    await victim.kill('SIGKILL');
    const hit = clients.filter((c) => c.url === victim.url);
    for (const c of hit) c.reconnectedAt = null;
    await sleep(DOWN_S * 1000);
    servers[0] = await startServer0(victim);
    const restartedAt = now();
    await waitFor(() => hit.every((c) => c.reconnectedAt !== null), 60_000, 'every client of the killed instance to reconnect after the restart');
    const back = Math.max(...hit.map((c) => c.reconnectedAt));
    faultInfo = { clientsCut: hit.length, downMs: restartedAt - killedAt, allReconnectedMsAfterRestart: back - restartedAt };
  }

  while (now() < endAt) await sleep(50);
  timers.forEach(clearTimeout);
  for (const c of clients) clearInterval(c.timer);
  const made = clients.map((c) => c.made);
  const total = made.reduce((a, b) => a + b, 0);

  // Convergence: every client holds every edit and nothing is waiting for the server.
  const settleStart = now();
  let settled = true;
  try {
    await waitFor(() => clients.every((c) => c.doc.getMap('bench:edits').size === total && !c.provider.hasUnsyncedChanges), 60_000, 'every client to hold every edit');
  } catch (err) {
    settled = false;
    console.error(`[${name}] ${err.message}`);
  }
  const settleMs = now() - settleStart;
  for (const c of clients) c.measuring = false;
  loop.disable();

  const prints = clients.map((c) => fingerprint(c.doc));
  const identical = prints.every((p) => p === prints[0]);
  const missingPerClient = clients.map((c) => missingEdits(c.doc, made).length);
  const decoded = decodeDocument(clients[0].doc);
  const valid = decoded.ok;
  const canonical = valid ? JSON.stringify(canonicalDocument(decoded.document)) : null;
  const allDecodeSame = clients.every((c) => {
    const d = decodeDocument(c.doc);
    return d.ok && JSON.stringify(canonicalDocument(d.document)) === canonical;
  });

  // What a fresh client gets from the server (from each instance when there are several).
  let serverMissing = 0;
  let serverSame = true;
  const freshClients = [];
  for (const [k, s] of servers.entries()) {
    const fresh = makeClient(CLIENTS + k, s.url);
    freshClients.push(fresh);
    await waitFor(() => fresh.synced, 30_000, 'a fresh client to sync').catch(() => undefined);
    await waitFor(() => fresh.doc.getMap('bench:edits').size >= total, 10_000, 'the fresh client to receive every edit').catch(() => undefined);
    serverMissing = Math.max(serverMissing, missingEdits(fresh.doc, made).length);
    serverSame &&= fingerprint(fresh.doc) === prints[0];
  }

  const lat = clients.flatMap((c) => c.latencies).sort((a, b) => a - b);
  const result = {
    run: name,
    instances: servers.length,
    clients: CLIENTS,
    seconds: SECONDS,
    edits: total,
    samples: lat.length,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    max: lat.length ? lat[lat.length - 1] : NaN,
    rssPeakMiB: Math.max(...servers.map((s) => s.peakRss)),
    rssEndMiB: servers.map((s) => s.rss()),
    loopDelayP95Ms: loop.percentile(95) / 1e6,
    settleMs,
    settled,
    identical: identical && allDecodeSame,
    validScenario: valid,
    missingInClients: missingPerClient.reduce((a, b) => a + b, 0),
    missingOnServer: serverMissing,
    serverCopySame: serverSame,
    fault: faultInfo,
  };
  for (const c of [...clients, ...freshClients]) c.destroy();
  for (const s of servers) await s.kill('SIGTERM');
  return result;

  // The fault run restarts the killed instance on its port with its data folder.
  async function startServer0(victim) {
    return startSync({ dir: victim.dir, port: victim.port, env: victim.env });
  }
}

function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-bench-sync-'));
  stops.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
async function instance(env = {}) {
  const dir = tempDir();
  const port = await freePort();
  const s = await startSync({ dir, port, env });
  return Object.assign(s, { dir, env });
}

// ---------------------------------------------------------------------------

const results = [];
try {
  for (const r of RUNS) {
    console.log(`== ${r}: ${CLIENTS} clients, ${SECONDS} s`);
    if (r === 'one') results.push(await run('one instance (SQLite)', { instances: async () => [await instance()] }));
    else if (r === 'two' || r === 'fault-two') {
      const redis = await startRedis();
      stops.push(() => redis.stop());
      const pg = await startPostgres({ fsync: true });
      stops.push(() => pg.stop());
      const env = { SYNC_REDIS_PORT: String(redis.port), SYNC_DATABASE_URL: pg.url };
      const pair = async () => [await instance({ ...env, SYNC_NAME: 'a' }), await instance({ ...env, SYNC_NAME: 'b' })];
      if (r === 'two') results.push(await run('two instances (Redis + PostgreSQL)', { instances: pair }));
      else results.push(await run(`fault-two: a SIGKILLed at ${SECONDS / 2} s, down ${DOWN_S} s`, { instances: pair, fault: true }));
    } else if (r === 'fault') results.push(await run(`fault: SIGKILL at ${SECONDS / 2} s, down ${DOWN_S} s`, { instances: async () => [await instance()], fault: true }));
    else throw new Error(`unknown run "${r}" (one, two, fault, fault-two)`);
  }
} finally {
  await stopAll();
  await vite.close();
}

const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const rows = [
  ['run', 'inst', 'clients', 's', 'edits', 'samples', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'RSS peak MiB', 'RSS end MiB', 'loop p95 ms', 'settle ms', 'identical', 'lost (clients/server)'],
  ...results.map((r) => [
    r.run, String(r.instances), String(r.clients), String(r.seconds), String(r.edits), String(r.samples),
    f(r.p50), f(r.p95), f(r.p99), f(r.max, 0), f(r.rssPeakMiB), r.rssEndMiB.map((x) => f(x)).join('/'), f(r.loopDelayP95Ms), f(r.settleMs, 0),
    r.identical && r.serverCopySame ? 'yes' : 'NO', `${r.missingInClients}/${r.missingOnServer}`,
  ]),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
console.log('');
for (const [k, row] of rows.entries()) {
  console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
for (const r of results.filter((x) => x.fault)) {
  console.log(`\n${r.run}: server down ${f(r.fault.downMs, 0)} ms; its ${r.fault.clientsCut} clients all synced again ${f(r.fault.allReconnectedMsAfterRestart, 0)} ms after the restart. Latency figures include edits made while it was down.`);
}
console.log('\nLatency: time for an edit to reach each other client (all clients in this one Node process, same clock). "lost": edits missing from some client / from a fresh client\'s copy of the server\'s room.');

mkdirSync(path.join(root, 'bench-results'), { recursive: true });
writeFileSync(path.join(root, 'bench-results', 'sync.json'), `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`);
const failed = results.filter((r) => !r.settled || !r.identical || !r.serverCopySame || !r.validScenario || r.missingInClients > 0 || r.missingOnServer > 0);
if (failed.length) {
  console.error(`\nFAILED checks in: ${failed.map((r) => r.run).join(', ')}`);
  process.exit(1);
}
console.log('\nAll checks passed: every final document identical, no edit lost.');
