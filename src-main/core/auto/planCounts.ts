/**
 * A pass's counts (what it would bind, unbind, hold or leave, and why), for the run record, the
 * dry-run tab and the exit's "unbind all" run: one way to count, whoever plans.
 */
import type { RunCounts } from '../../../src-shared/channels/auto';
import type { MassUnbindGate } from './gates';
import type { Plan, PlannedSku } from './engine';

export function emptyCounts(): RunCounts {
  return { considered: 0, bind: 0, unbind: 0, wouldBind: 0, wouldUnbind: 0, heldUnbind: 0, cancelled: 0, unchanged: 0, byReason: {} };
}

/** Adds one planned SKU to the counts; an unbind with the switch on counts as `unbind` until the gate is known. */
export function countOne(c: RunCounts, s: PlannedSku, on: boolean): void {
  c.considered++;
  c.cancelled += s.cancel.length;
  c.byReason[s.decision.reason] = (c.byReason[s.decision.reason] ?? 0) + 1;
  if (!s.add) c.unchanged++;
  else if (!on) c[s.add === 'bind' ? 'wouldBind' : 'wouldUnbind']++;
  else c[s.add]++;
}

/** With the mass-unbind gate shut, every unbind of the run is held. */
export function applyGate(c: RunCounts, gate: MassUnbindGate | null): RunCounts {
  if (gate) {
    c.heldUnbind += c.unbind;
    c.unbind = 0;
  }
  return c;
}

export function countPlan(p: Plan): RunCounts {
  const c = emptyCounts();
  for (const s of p.skus) countOne(c, s, p.settings.enabled);
  return applyGate(c, p.gate);
}
