import type { Metadata } from 'next';
import { StorageClient } from './StorageClient';

export const metadata: Metadata = { title: 'Branchpoint storage measurement', robots: { index: false, follow: false } };

/**
 * Measures saving an annotated 10,000-node scenario in this browser with
 * IndexedDB and with localStorage (the grounds for choosing IndexedDB), and
 * the full save and load through the app's repository. Not linked from the app.
 */
export default function StoragePage() {
  return <StorageClient />;
}
