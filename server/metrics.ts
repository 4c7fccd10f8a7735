import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Pictures on the map (server/images/). */
const imageMetrics = (registry: Registry) => ({
  imageUploads: new Counter({
    name: 'journeyboard_image_uploads_total',
    help: 'Pictures uploaded or imported: outcome stored, duplicate (already on the board), imported or refused (with its reason)',
    labelNames: ['outcome', 'reason'],
    registers: [registry],
  }),
  imageBytesStored: new Counter({
    name: 'journeyboard_image_bytes_stored_total',
    help: 'Bytes of pictures (both renditions, re-encoded) this instance stored',
    registers: [registry],
  }),
});

/** How long durability takes (server/storage/updateWriter.ts). */
const durabilityMetrics = (registry: Registry) => ({
  updateCommitSeconds: new Histogram({
    name: 'journeyboard_update_commit_seconds',
    help: 'Time from a room accepting an update (the turn its frame is read) to its group commit in storage (W317)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  }),
});
/** How rooms answer joiners before their document is in memory (server/sync/lazyDoc.ts). */
function coldJoinCounters(registry: Registry) {
  return {
    joinsFromStorage: new Counter({
      name: 'journeyboard_joins_answered_from_storage_total',
      help: 'Clients with nothing of a document answered from the stored bytes before the room integrated them',
      registers: [registry],
    }),
    roomIntegrations: new Counter({
      name: 'journeyboard_room_integrations_total',
      help: 'Loaded documents whose stored bytes were integrated into a Y.Doc',
      registers: [registry],
    }),
    syncAccessChecks: new Counter({
      name: 'journeyboard_sync_access_checks_total',
      help: 'Share-link checks of sync upgrades in open mode: checked, or reused from one less than a second old (S137)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}

/** One registry per server instance, so tests can run several servers in one process. */
export function createMetrics() {
  const registry = new Registry();
  /** Reads the outbox at each scrape, so every instance reports what the database holds now. */
  let readMailQueued: (() => Promise<number>) | null = null;
  collectDefaultMetrics({ register: registry, prefix: 'journeyboard_' });
  return {
    registry,
    connections: new Gauge({
      name: 'journeyboard_connections',
      help: 'Open sync connections',
      registers: [registry],
    }),
    rooms: new Gauge({
      name: 'journeyboard_rooms',
      help: 'Documents loaded in memory',
      registers: [registry],
    }),
    messagesIn: new Counter({
      name: 'journeyboard_messages_in_total',
      help: 'Sync protocol messages received, by type',
      labelNames: ['type'],
      registers: [registry],
    }),
    messagesOut: new Counter({
      name: 'journeyboard_messages_out_total',
      help: 'Sync protocol messages sent (one per socket)',
      registers: [registry],
    }),
    inboundPauses: new Counter({
      name: 'journeyboard_inbound_pauses_total',
      help: 'Times a socket was read more slowly because it sent past its budgets',
      registers: [registry],
    }),
    ...coldJoinCounters(registry),
    pendingUpdates: new Gauge({
      name: 'journeyboard_pending_updates',
      help: 'Accepted updates not yet durably written',
      registers: [registry],
    }),
    logEntries: new Gauge({
      name: 'journeyboard_update_log_entries',
      help: 'Update log entries since the last snapshot, summed over loaded documents',
      registers: [registry],
    }),
    storeSeconds: new Histogram({
      name: 'journeyboard_store_seconds',
      help: 'Latency of one group-commit write',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    storeErrors: new Counter({
      name: 'journeyboard_store_errors_total',
      help: 'Failed storage writes',
      registers: [registry],
    }),
    compactions: new Counter({
      name: 'journeyboard_compactions_total',
      help: 'Log compactions',
      registers: [registry],
    }),
    updatesMissingDependencies: new Counter({
      name: 'journeyboard_updates_missing_dependencies_total',
      help: 'Client updates that built on content this instance lacks (answered with a resync)',
      registers: [registry],
    }),
    updatesDenied: new Counter({
      name: 'journeyboard_updates_denied_total',
      help: 'Client updates refused with "permission denied" (another person named as author)',
      registers: [registry],
    }),
    busConnected: new Gauge({
      name: 'journeyboard_bus_connected',
      help: '1 while the Redis bus is connected (0 while reconnecting)',
      registers: [registry],
    }),
    busMessages: new Counter({
      name: 'journeyboard_bus_messages_total',
      help: 'Messages published to (out) and received from other instances (in) over the bus',
      labelNames: ['direction'],
      registers: [registry],
    }),
    busDropped: new Counter({
      name: 'journeyboard_bus_dropped_total',
      help: 'Messages not published because the bus was down (rooms resync when it is back)',
      registers: [registry],
    }),
    busLag: new Histogram({
      name: 'journeyboard_bus_lag_seconds',
      help: "Round trip of this instance's heartbeat through the bus",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
    unreadableRecords: new Counter({
      name: 'journeyboard_unreadable_records_total',
      help: 'Records and fields REST reads skipped because another client stored data of the wrong type there',
      labelNames: ['read'],
      registers: [registry],
    }),
    busResyncs: new Counter({
      name: 'journeyboard_bus_resyncs_total',
      help: 'Room resyncs with storage and the other instances (after a join, gap or reconnect)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    importsInProgress: new Gauge({
      name: 'journeyboard_imports_in_progress',
      help: 'Large imports and survey files being read, waiting for or in an import worker',
      registers: [registry],
    }),
    importsRefused: new Counter({
      name: 'journeyboard_imports_refused_total',
      help: 'Large imports refused with 503 because every worker was busy and the queue full',
      registers: [registry],
    }),
    ...imageMetrics(registry),
    ...durabilityMetrics(registry),
    mailSent: new Counter({
      name: 'journeyboard_mail_sent_total',
      help: 'E-mails this instance handed to the mail server',
      registers: [registry],
    }),
    mailFailed: new Counter({
      name: 'journeyboard_mail_failed_total',
      help: 'E-mails given up (not sent within MAIL_GIVE_UP_MS), by this instance',
      registers: [registry],
    }),
    mailRetries: new Counter({
      name: 'journeyboard_mail_retries_total',
      help: 'Attempts to send an e-mail that failed and will be retried',
      registers: [registry],
    }),
    mailQueued: new Gauge({
      name: 'journeyboard_mail_queued',
      help: 'E-mails waiting to be sent (all instances: read from the database)',
      registers: [registry],
      async collect() {
        // A database that does not answer keeps the last value: a scrape never fails on it.
        const queued = await readMailQueued?.().catch(() => null);
        if (typeof queued === 'number') this.set(queued);
      },
    }),
    /** Where `journeyboard_mail_queued` is read from at each scrape (the mail outbox). */
    readMailQueuedFrom(read: () => Promise<number>): void {
      readMailQueued = read;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
