/**
 * AliExpress bind_status, named once for core, the contract types and SQL. The numbers are the
 * marketplace's own (the stock tables store them as they come).
 */
export const BIND_STATUS = { UNBOUND: 1, BOUND: 2, UNBIND_REVIEW: 3, UNBIND_REFUSED: 4 } as const;
export type BindStatus = (typeof BIND_STATUS)[keyof typeof BIND_STATUS];
export const BIND_STATUSES: readonly BindStatus[] = [
  BIND_STATUS.UNBOUND,
  BIND_STATUS.BOUND,
  BIND_STATUS.UNBIND_REVIEW,
  BIND_STATUS.UNBIND_REFUSED,
];

/** Bound to goods now: bound, or an unbind the marketplace refused. */
export const BOUND_NOW: readonly BindStatus[] = [BIND_STATUS.BOUND, BIND_STATUS.UNBIND_REFUSED];
/** Still tied to goods in any way: bound, unbind in review, unbind refused. */
export const STILL_TIED: readonly BindStatus[] = [BIND_STATUS.BOUND, BIND_STATUS.UNBIND_REVIEW, BIND_STATUS.UNBIND_REFUSED];

export const isBoundNow = (s: number): boolean => s === BIND_STATUS.BOUND || s === BIND_STATUS.UNBIND_REFUSED;

/** The SQL list for `bind_status IN (${bindStatusSql(...)})`, from the named constants only. */
export function bindStatusSql(statuses: readonly BindStatus[]): string {
  return statuses.map((s) => String(s)).join(', ');
}
