import type { Metadata } from 'next';
import { PeerClient } from './PeerClient';

export const metadata: Metadata = { title: 'Benchmark peer: react-d3-tree', robots: { index: false, follow: false } };

/** react-d3-tree on the same generated trees, for scripts/bench.mjs; not linked from the app. */
export default function PeerBenchPage() {
  return <PeerClient />;
}
