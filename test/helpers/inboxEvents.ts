import type { Person } from './people.js';

/** A person's live inbox stream (`GET /api/inbox/events`), read as a browser's EventSource would. */
export class InboxStream {
  /** Every unread count announced so far, in order. */
  readonly counts: number[] = [];
  /** Every event's data as sent (the stream carries counts only: S81). */
  readonly payloads: unknown[] = [];
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  /** Resolves with the status once the response headers arrived. */
  readonly opened: Promise<number>;
  /** Whether the server ended the stream. */
  ended = false;
  private endWaiters: (() => void)[] = [];

  constructor(person: Person, baseUrl = person.baseUrl) {
    this.opened = this.read(person, baseUrl);
  }

  private async read(person: Person, baseUrl: string): Promise<number> {
    const res = await fetch(`${baseUrl}/api/inbox/events`, {
      headers: person.cookie ? { cookie: person.cookie } : {},
      signal: this.controller.signal,
    });
    if (!res.ok || !res.body) return res.status;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            this.ended = true;
            for (const wake of this.endWaiters.splice(0)) wake();
            return;
          }
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (/^event: inbox$/m.test(frame) && data) {
              const payload = JSON.parse(data) as { unread: number };
              this.payloads.push(payload);
              this.counts.push(payload.unread);
              for (const wake of this.waiters.splice(0)) wake();
            }
          }
        }
      } catch {
        // Aborted by close().
      }
    })();
    return res.status;
  }

  /** Resolves once an announced count satisfies `check` (the latest one first). */
  until(check: (unread: number) => boolean): Promise<number> {
    return new Promise((resolve) => {
      const look = () => {
        const latest = this.counts[this.counts.length - 1];
        if (latest !== undefined && check(latest)) resolve(latest);
        else this.waiters.push(look);
      };
      look();
    });
  }

  /** Resolves once the server has ended the stream. */
  whenEnded(): Promise<void> {
    return this.ended ? Promise.resolve() : new Promise((resolve) => this.endWaiters.push(resolve));
  }

  close(): void {
    this.controller.abort();
  }
}
