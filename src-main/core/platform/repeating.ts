/**
 * A service's background check on a coarse real timer (what is due is decided on app.clock): started
 * at most once, stopped on close, and never the reason the process stays alive.
 */
export class Repeating {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly everyMs: number,
    private readonly run: () => void,
  ) {}

  get started(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(this.run, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
