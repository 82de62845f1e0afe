import type { Metadata } from 'next';
import { BenchClient } from './BenchClient';

export const metadata: Metadata = { title: 'Branchpoint benchmark', robots: { index: false, follow: false } };

/** Benchmark page for scripts/bench.mjs; not linked from the app. */
export default function BenchPage() {
  return <BenchClient />;
}
