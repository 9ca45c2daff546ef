/**
 * In-process event bus for the contract's events. Services emit; transports (Electron windows,
 * WebSocket clients, CLI progress bars) subscribe. Payloads are validated on emit so a malformed
 * event is caught where it is produced, not in the renderer.
 */
import type { EventChannel } from '../../shared/ipc/channels';
import { events, type EventPayload } from '../../shared/ipc/contract';

export type EventListener = (channel: EventChannel, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventChannel>(channel: E, payload: EventPayload<E>): void {
    const checked = events[channel].parse(payload);
    for (const listener of [...this.listeners]) {
      try {
        listener(channel, checked);
      } catch (error) {
        console.error(`event listener for ${channel} failed:`, error);
      }
    }
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
