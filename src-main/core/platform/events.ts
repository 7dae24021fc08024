/** Typed pushes from the core to whoever hosts it (IPC, server-sent events, CLI output). */
import { EventEmitter } from 'node:events';
import type { EventName, Events } from '../../../src-shared/contract';

export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(50);
  }
  emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.emitter.emit(event, payload);
  }
  on<E extends EventName>(event: E, cb: (payload: Events[E]) => void): () => void {
    this.emitter.on(event, cb);
    return () => this.emitter.off(event, cb);
  }
}
