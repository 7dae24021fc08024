/**
 * The sellers' PCs are office machines, often busy: "busy" figures run beside two CPU-bound child
 * processes (plain busy loops), started before the measure and killed after it, so the figure and
 * its baseline from the same run both compete for the cores.
 */
import { spawn } from 'node:child_process';

export async function withBusyLoops<T>(fn: () => Promise<T> | T, count = 2): Promise<T> {
  const loops = Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  // Let them reach the scheduler before the measure starts.
  await new Promise((r) => setTimeout(r, 200));
  try {
    return await fn();
  } finally {
    for (const p of loops) p.kill('SIGKILL');
  }
}

export const BUSY_LABEL = ', two busy loops beside it';
