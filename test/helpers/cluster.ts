import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RedisProcess, TEST_DATABASE_URL, freePort, testSchema } from './backends.js';
import { ROOT, removeDir, spawnServer, tempDataDir, type ServerProcess } from './server.js';

export const CLUSTER_SECRET = 'cluster-test-secret-0123456789abcdef01';

/** One app instance of the cluster, on a fixed port so it can be restarted in place. */
export interface Instance {
  id: string;
  port: number;
  url: string;
  proc: ServerProcess | null;
}

/**
 * The topology docker-compose.yml describes, as real processes on loopback: N journeyboard
 * instances sharing a PostgreSQL schema and a private Redis, behind HAProxy running the
 * project's deploy/haproxy.cfg (host names swapped for loopback ports).
 */
export class Cluster {
  readonly instances: Instance[] = [];
  private haproxy: ChildProcess | null = null;
  lbUrl = '';

  private constructor(
    readonly redis: RedisProcess,
    readonly schema: { schema: string; drop: () => Promise<void> },
    private readonly dataDir: string,
    /** Settings every instance gets besides the cluster's own (`AUTH_MODE`, say). */
    private readonly env: Record<string, string>,
  ) {}

  static async start(size: number, env: Record<string, string> = {}): Promise<Cluster> {
    const cluster = new Cluster(await RedisProcess.start(), await testSchema(), tempDataDir(), env);
    for (let i = 1; i <= size; i++) {
      const port = await freePort();
      cluster.instances.push({ id: `app${i}`, port, url: `http://127.0.0.1:${port}`, proc: null });
    }
    await Promise.all(cluster.instances.map((inst) => cluster.startInstance(inst)));
    await cluster.startBalancer();
    return cluster;
  }

  get lbWsUrl(): string {
    return `${this.lbUrl.replace(/^http/, 'ws')}/sync`;
  }

  async startInstance(inst: Instance): Promise<void> {
    inst.proc = await spawnServer(path.join(this.dataDir, inst.id), {
      PORT: String(inst.port),
      INSTANCE_ID: inst.id,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: this.schema.schema,
      REDIS_URL: this.redis.url,
      AUTH_SECRET: CLUSTER_SECRET,
      TRUST_PROXY: '1',
      BUS_HEARTBEAT_MS: '200',
      ROOM_UNLOAD_GRACE_MS: '500',
      ...this.env,
    });
  }

  /** SIGKILL: no flush, no goodbye on the bus. */
  async kill(inst: Instance): Promise<void> {
    const proc = inst.proc;
    if (!proc) return;
    proc.child.kill('SIGKILL');
    await proc.exited;
    inst.proc = null;
  }

  /** SIGTERM: the instance writes what it accepted and leaves. */
  async stop(inst: Instance): Promise<void> {
    const proc = inst.proc;
    if (!proc) return;
    proc.child.kill('SIGTERM');
    const code = await proc.exited;
    inst.proc = null;
    if (code !== 0) throw new Error(`${inst.id} exited with ${code}`);
  }

  private async startBalancer(): Promise<void> {
    const lbPort = await freePort();
    const statsPort = await freePort();
    let cfg = readFileSync(path.join(ROOT, 'deploy/haproxy.cfg'), 'utf8')
      .replace('bind :1234', `bind 127.0.0.1:${lbPort}`)
      .replace('bind :8404', `bind 127.0.0.1:${statsPort}`)
      .replace(/^(\s*log stdout.*)$/m, '')
      // Docker's DNS is not here; fast checks so a dead instance is noticed within the test.
      .replace(/default-server .*$/gm, 'default-server inter 200ms fall 2 rise 1');
    // Every backend lists every instance (the boards backend too).
    for (const inst of this.instances) {
      cfg = cfg.replace(
        new RegExp(`server ${inst.id} ${inst.id}:1234`, 'g'),
        `server ${inst.id} 127.0.0.1:${inst.port}`,
      );
    }
    if (
      !this.instances.every((inst) => cfg.includes(`127.0.0.1:${inst.port}`)) ||
      /^\s*server \S+ app\d+:/m.test(cfg)
    )
      throw new Error('deploy/haproxy.cfg does not list every app instance');
    const file = path.join(this.dataDir, 'haproxy.cfg');
    writeFileSync(file, cfg);
    this.haproxy = spawn('haproxy', ['-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    this.haproxy.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    this.haproxy.on('error', (err) => (stderr += `${err.message} (is haproxy installed?)`));
    this.lbUrl = `http://127.0.0.1:${lbPort}`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ok = await fetch(`${this.lbUrl}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (this.haproxy.exitCode !== null || Date.now() > deadline)
        throw new Error(`haproxy did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async shutdown(): Promise<void> {
    this.haproxy?.kill('SIGKILL');
    await Promise.all(this.instances.map((inst) => this.kill(inst)));
    await this.redis.kill();
    await this.schema.drop();
    removeDir(this.dataDir);
  }
}

/** The `journeyboard_connections` gauge of an instance. */
export async function connectionsOn(inst: Instance): Promise<number> {
  const text = await (await fetch(`${inst.url}/metrics`)).text();
  return Number(/^journeyboard_connections (\d+)/m.exec(text)?.[1] ?? NaN);
}

/** Each instance's `journeyboard_connections` (0 for one that is down), in instance order. */
export function connectionCounts(cluster: Cluster): Promise<number[]> {
  return Promise.all(cluster.instances.map((inst) => (inst.proc ? connectionsOn(inst) : 0)));
}
