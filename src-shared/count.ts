/**
 * A count the seller reads (SKUs, units, rows): 191220 → "191,220", so a six-figure count is read at a
 * glance. Below 10,000 as it is ("9999"), as the app's messages always wrote small counts.
 */
export function formatCount(n: number): string {
  return Math.abs(n) >= 10_000 ? n.toLocaleString('en-US') : String(n);
}
