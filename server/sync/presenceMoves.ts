import type { WebSocket } from 'ws';
import { motionOf, type Motion } from '../../shared/protocol/presenceMoves.js';
import { onlyMoved } from './presenceInterest.js';

type State = Record<string, unknown>;

/**
 * Which states each opted-in socket (W327) may be sent as a move (W328): those whose fields
 * other than `cursor` and `viewport` it holds as they are now. Per client id the room keeps the
 * base (the state those fields were last seen changed in); a socket lacks a base until a
 * whole state carrying it was handed to its socket. Stock sockets are not tracked here.
 */
export class MoveRecipients {
  /** Per client id: the state whose fields other than cursor and viewport are current. */
  private readonly bases = new Map<number, State>();
  /** Per opted-in socket: the client ids whose base it lacks. */
  private readonly lacking = new Map<WebSocket, Set<number>>();

  constructor(private readonly states: ReadonlyMap<number, unknown>) {}

  /** An opted-in socket that was just sent every state present. */
  add(ws: WebSocket): void {
    this.lacking.set(ws, this.lackingNow());
  }

  /**
   * For a socket that holds every state as it is now: the ids whose base differs from it (a
   * change not yet noted, or noted while no socket was opted in).
   */
  private lackingNow(): Set<number> {
    const lacks = new Set<number>();
    for (const [clientId, state] of this.states) {
      const base = this.bases.get(clientId);
      if (!base || !onlyMoved(base, state as State)) lacks.add(clientId);
    }
    return lacks;
  }

  delete(ws: WebSocket): void {
    this.lacking.delete(ws);
  }

  has(ws: WebSocket): boolean {
    return this.lacking.has(ws);
  }

  get size(): number {
    return this.lacking.size;
  }

  /**
   * Changed client ids, before a batch is sent: a change in anything but the motion fields (an
   * arrival too) makes a new base that every opted-in socket lacks; a removal ends the id.
   */
  note(changed: Iterable<number>): void {
    if (this.lacking.size === 0) return;
    for (const clientId of changed) {
      const state = this.states.get(clientId) as State | undefined;
      const base = this.bases.get(clientId);
      if (!state) {
        this.bases.delete(clientId);
        for (const lacks of this.lacking.values()) lacks.delete(clientId);
        continue;
      }
      if (base && onlyMoved(base, state)) continue;
      this.bases.set(clientId, state);
      for (const lacks of this.lacking.values()) lacks.add(clientId);
    }
  }

  /** The ids `ws` lacks the base of, among `clientIds` (empty for the usual batch). */
  lackedBy(ws: WebSocket, clientIds: readonly number[]): number[] {
    const lacks = this.lacking.get(ws);
    if (!lacks || lacks.size === 0) return [];
    return clientIds.filter((id) => lacks.has(id));
  }

  /** The motion of `clientId`'s state when a move can carry it (null: send the whole state). */
  motionOf(clientId: number): Motion | null {
    const state = this.states.get(clientId) as State | undefined;
    return state ? motionOf(state) : null;
  }

  /** Whole states of these ids reached `ws`'s socket: it holds their bases now. */
  sent(ws: WebSocket, clientIds: readonly number[]): void {
    const lacks = this.lacking.get(ws);
    if (lacks) for (const id of clientIds) lacks.delete(id);
  }

  /** `ws` was sent every state present (a query-awareness answer). */
  sentAll(ws: WebSocket): void {
    if (this.lacking.has(ws)) this.lacking.set(ws, this.lackingNow());
  }
}
