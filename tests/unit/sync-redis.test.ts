/**
 * Two sync server instances joined by Redis (@hocuspocus/extension-redis):
 * clients on different instances converge. Starts its own redis-server on a
 * free loopback port (no persistence) and stops it; when redis-server is not
 * installed the test fails and says how to install it (never skipped).
 */
import { describe, it, expect } from 'vitest';
import { shippedScenarios } from '@/lib/scenarios';
import { emptyAnnotations } from '@/lib/annotations/types';
import * as ops from '@/lib/doc/ops';
import type { WorkDocument } from '@/lib/doc/types';
import { canonicalDocument } from '@/lib/io/snapshot';
import { applyLocalChange, decodeDocument } from '@/lib/sync/ydoc';
import { startRedis } from '@/scripts/services.mjs';
import { connect, settled, startServer, tempDataDir, token, waitFor, cleanupAfterEach } from '../support/sync-harness';

const ROOM = 'shared-across-instances';
const ORIGIN = { local: true };

const cleanup = cleanupAfterEach();

const read = (doc: import('yjs').Doc): WorkDocument | null => {
  const p = decodeDocument(doc);
  return p.ok ? p.document : null;
};
const canon = (d: WorkDocument | null) => (d ? JSON.stringify(canonicalDocument(d)) : 'none');

describe('two sync server instances joined by Redis', () => {
  it('clients on different instances converge', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const redisPort = redis.port;
    const servers = [];
    for (const name of ['one', 'two']) {
      const d = tempDataDir();
      cleanup.push(() => d.remove());
      const s = await startServer({ dir: d.dir, env: { SYNC_REDIS_PORT: String(redisPort), SYNC_NAME: name } });
      cleanup.push(() => s.stop());
      servers.push(s);
    }
    const a = await connect(servers[0]!.url, ROOM, token(ROOM, 'owner'));
    cleanup.push(() => a.destroy());
    const b = await connect(servers[1]!.url, ROOM, token(ROOM, 'editor'));
    cleanup.push(() => b.destroy());

    const scenario = shippedScenarios()[0]!;
    const doc: WorkDocument = { scenario, annotations: emptyAnnotations(), shippedFrom: scenario.id };
    applyLocalChange(a.doc, null, doc, ORIGIN);
    await settled(a);
    await waitFor(() => canon(read(b.doc)) === canon(doc), 10_000, () => 'the client on instance two to receive the document');

    const node = scenario.nodes[1]!.id;
    const seen = read(b.doc)!;
    applyLocalChange(b.doc, seen, ops.renameNode(seen, node, 'Renamed on instance two'), ORIGIN);
    await waitFor(() => read(a.doc)?.scenario.nodes.find((n) => n.id === node)?.title === 'Renamed on instance two', 10_000, () => 'the edit to reach instance one');
    expect(canon(read(a.doc))).toBe(canon(read(b.doc)));
  });
});
