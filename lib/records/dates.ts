/**
 * Date rules for the analyst's fields: a calendar date written YYYY-MM-DD that
 * exists (no 2026-02-30), and whether it lies in the future of a given day.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which reads years 0-99 as 1900-1999
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** True when `date` lies after `today` (both YYYY-MM-DD, the user's local day); ISO dates compare as strings. */
export function isFutureDate(date: string, today: string): boolean {
  return date > today;
}
