/**
 * The sync server's address, read from the environment when asked (not when
 * built), so one build serves any sync server: SYNC_URL, else the address
 * the build was made with (NEXT_PUBLIC_SYNC_URL), else the embedded default
 * (lib/sync/invite). Nothing secret: the page connects to it anyway.
 */
import { DEFAULT_SYNC_URL, syncUrl } from '@/lib/sync/invite';

export const dynamic = 'force-dynamic';

export function GET() {
  const url = syncUrl(process.env['SYNC_URL']) ?? syncUrl(process.env.NEXT_PUBLIC_SYNC_URL) ?? DEFAULT_SYNC_URL;
  return Response.json({ url }, { headers: { 'Cache-Control': 'no-store' } });
}
