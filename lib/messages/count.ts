/** "1 branch", "2,000 branches": a count with its noun, singular or plural. */
export function countOf(k: number, one: string, many = `${one}s`): string {
  return `${k.toLocaleString('en')} ${k === 1 ? one : many}`;
}
