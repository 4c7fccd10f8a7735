/** How big each workload is: the figures, or a smaller `--quick` smoke run. */
export interface Scale {
  quick: boolean;
  warmupMs: number;
  durationMs: number;
  /** How long to wait after the window for messages still in flight. */
  drainMs: number;
  /** Pause before a memory reading (after a forced GC). */
  settleMs: number;
  w1: { clients: number; hz: number };
  w2: { boards: number; editors: number; hz: number };
  w3: { observers: number; hz: number };
  w4: { cards: number; comments: number; joiners: number; singleJoins: number };
  w5: { boards: number; clientsPerBoard: number };
  w6: { clients: number; hz: number; editors: number; editHz: number };
  /** W7: W1's and W2's traffic against one instance and a cluster of `instances`. */
  w7: {
    instances: number;
    w1: { clients: number; hz: number };
    w2: { boards: number; editors: number; hz: number };
  };
  render: { cards: number; phaseMs: number };
}

export const FULL: Scale = {
  quick: false,
  warmupMs: 1000,
  durationMs: 10_000,
  drainMs: 5000,
  settleMs: 2000,
  w1: { clients: 100, hz: 20 },
  w2: { boards: 20, editors: 10, hz: 5 },
  w3: { observers: 1000, hz: 20 },
  w4: { cards: 5000, comments: 1000, joiners: 500, singleJoins: 3 },
  w5: { boards: 2000, clientsPerBoard: 2 },
  w6: { clients: 300, hz: 30, editors: 10, editHz: 2 },
  w7: { instances: 3, w1: { clients: 100, hz: 20 }, w2: { boards: 20, editors: 10, hz: 5 } },
  render: { cards: 5000, phaseMs: 3000 },
};

export const QUICK: Scale = {
  quick: true,
  warmupMs: 300,
  durationMs: 1500,
  drainMs: 1500,
  settleMs: 700,
  w1: { clients: 100, hz: 20 },
  w2: { boards: 20, editors: 10, hz: 5 },
  w3: { observers: 200, hz: 20 },
  w4: { cards: 1000, comments: 200, joiners: 50, singleJoins: 1 },
  w5: { boards: 100, clientsPerBoard: 2 },
  w6: { clients: 150, hz: 30, editors: 10, editHz: 2 },
  w7: { instances: 3, w1: { clients: 50, hz: 20 }, w2: { boards: 9, editors: 10, hz: 5 } },
  render: { cards: 1000, phaseMs: 1000 },
};

/** A copy of `base` with `path=value` pairs applied (`w1.clients=10,durationMs=2000`). */
export function withOverrides(base: Scale, spec: string | undefined): Scale {
  const scale = structuredClone(base);
  for (const pair of spec ? spec.split(',') : []) {
    const [key, raw] = pair.split('=');
    const parts = (key ?? '').trim().split('.');
    let target = scale as unknown as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>;
    const last = parts[parts.length - 1]!;
    if (typeof target?.[last] !== 'number') throw new Error(`--set: unknown setting '${key}'`);
    target[last] = Number(raw);
  }
  return scale;
}
