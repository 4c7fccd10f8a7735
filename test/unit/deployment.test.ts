import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface ComposeService {
  build?: unknown;
  image?: string;
  command?: string[];
  environment?: Record<string, string | number | null>;
  ports?: string[];
  volumes?: string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  stop_grace_period?: string;
}

interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// `merge: true` resolves the `<<: *app` merge keys the way Docker Compose does.
const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;
const services = compose.services;
const appNames = Object.keys(services).filter((name) => /^app\d+$/.test(name));
const env = (name: string) => services[name]?.environment ?? {};

/** Every string value of the parsed file, for the interpolation check. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** `host:container` of a volume or port entry (without a trailing `:ro`). */
function splitMapping(entry: string): [string, string] {
  const [source = '', target = ''] = entry.split(':');
  return [source, target];
}

/** The backend of deploy/haproxy.cfg: its `server` lines and health-check directives. */
function haproxyConfig(text: string) {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
  const sections: { header: string; body: string[] }[] = [];
  for (const line of lines) {
    if (/^(global|defaults|frontend|backend|listen|resolvers)\b/.test(line)) {
      sections.push({ header: line, body: [] });
    } else sections.at(-1)?.body.push(line);
  }
  const servers = sections
    .filter((s) => /^(backend|listen)\b/.test(s.header))
    .flatMap((s) => s.body)
    .filter((line) => line.startsWith('server '))
    .map((line) => {
      const [, name = '', address = '', ...options] = line.split(/\s+/);
      return { name, address, options };
    });
  return { sections, servers, all: lines };
}

describe('docker-compose.yml (the production cluster)', () => {
  it('has PostgreSQL, Redis, three app instances and the load balancer', () => {
    for (const name of ['postgres', 'redis', 'app1', 'app2', 'app3', 'lb']) {
      expect(services, `service ${name}`).toHaveProperty(name);
    }
    expect(appNames.length).toBeGreaterThanOrEqual(3);
  });

  it('builds every app from the project Dockerfile, pointed at postgres and redis', () => {
    const instanceIds = new Set<unknown>();
    for (const name of appNames) {
      const app = services[name]!;
      const e = env(name);
      expect(app.build, name).toBe('.');
      expect(String(e.DATABASE_URL), name).toMatch(/^postgres(ql)?:\/\/[^@/]+@postgres:5432\/\S+$/);
      expect(String(e.REDIS_URL), name).toMatch(/^redis:\/\/redis:6379(\/\d*)?$/);
      expect(String(e.AUTH_SECRET), name).toMatch(/^\$\{AUTH_SECRET:\?.+\}$/);
      expect(String(e.TRUST_PROXY), name).toBe('1');
      expect(e.HOST, name).toBe('0.0.0.0');
      expect(app.stop_grace_period, name).toBeTruthy();
      for (const dependency of ['postgres', 'redis']) {
        expect(app.depends_on, name).toMatchObject({
          [dependency]: { condition: 'service_healthy' },
        });
      }
      instanceIds.add(e.INSTANCE_ID);
    }
    expect(instanceIds.size, 'one INSTANCE_ID per app').toBe(appNames.length);
  });

  it('publishes one port, on the load balancer only (mailpit its web UI on loopback)', () => {
    const publishing = Object.entries(services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(publishing).toEqual(['lb', 'mailpit']);
    expect(services.mailpit!.ports).toEqual(['127.0.0.1:8025:8025']);
    expect(services.lb!.ports).toHaveLength(1);
    expect(services.lb!.ports![0]).toMatch(/:1234$/);
    expect(services.lb!.depends_on).toEqual(expect.arrayContaining(appNames));
  });

  it('keeps PostgreSQL on a named volume, with health checks on postgres and redis', () => {
    const postgres = services.postgres!;
    expect(postgres.image).toMatch(/^postgres:16/);
    const [volume, target] = splitMapping(postgres.volumes![0]!);
    expect(target).toBe('/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    expect(strings(postgres.healthcheck?.test).join(' ')).toContain('pg_isready');
    expect(strings(services.redis!.healthcheck?.test).join(' ')).toMatch(/redis-cli.*ping/);
  });

  it('uses only well-formed ${VAR} interpolation, every variable documented in .env.example', () => {
    const example = read('.env.example');
    const variables = new Set<string>();
    for (const value of strings(compose)) {
      // `$$` is a literal dollar for the container's shell; anything else must be ${NAME…}.
      const rest = value.replaceAll('$$', '');
      for (const match of rest.matchAll(/\$(\{([A-Z_][A-Z0-9_]*)(?::?[-?][^}]*)?\})?/g)) {
        expect(match[1], `malformed interpolation in ${JSON.stringify(value)}`).toBeDefined();
        variables.add(match[2]!);
      }
    }
    expect([...variables]).toEqual(
      expect.arrayContaining(['AUTH_SECRET', 'POSTGRES_PASSWORD', 'JOURNEYBOARD_PORT']),
    );
    for (const name of [...variables, 'ADMIN_TOKEN']) {
      expect(example, `${name} in .env.example`).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    }
  });

  it('keeps .env out of git and out of the image', () => {
    expect(read('.gitignore').split('\n')).toContain('.env');
    expect(read('.dockerignore').split('\n')).toContain('.env');
  });
});

describe('deploy/haproxy.cfg', () => {
  const mount = services.lb?.volumes?.find((v) => v.includes('haproxy.cfg')) ?? '';
  const [hostPath, containerPath] = splitMapping(mount);
  const cfgPath = path.join(ROOT, hostPath);

  it('is the file mounted read-only into the lb service', () => {
    expect(hostPath).toBe('./deploy/haproxy.cfg');
    expect(containerPath).toBe('/usr/local/etc/haproxy/haproxy.cfg');
    expect(mount).toMatch(/:ro$/);
    expect(existsSync(cfgPath)).toBe(true);
  });

  it('W323: balances over every app service with health checks on /healthz; board sockets follow them', () => {
    const cfg = haproxyConfig(readFileSync(cfgPath, 'utf8'));
    expect(cfg.all).toContain('mode http');
    expect(cfg.all).toContain('bind :1234');
    const backend = (name: string) =>
      cfg.sections.find((s) => s.header === `backend ${name}`)?.body ?? [];
    const serversOf = (name: string) =>
      backend(name)
        .filter((line) => line.startsWith('server '))
        .map((line) => line.split(/\s+/));
    // Both backends list every app service: HTTP in one, board sockets in the other.
    for (const name of ['journeyboard', 'journeyboard_boards'])
      expect(
        serversOf(name)
          .map(([, , address]) => address)
          .sort(),
        name,
      ).toEqual(appNames.map((app) => `${app}:1234`).sort());
    expect(backend('journeyboard')).toContain('balance leastconn');
    for (const [, name, , ...options] of serversOf('journeyboard'))
      expect(options, name).toContain('check');
    // The board backend follows the health checked in the other one.
    for (const [, name, , ...options] of serversOf('journeyboard_boards'))
      expect(options.join(' '), name).toBe(`track journeyboard/${name}`);
    expect(cfg.all).toContain('option httpchk GET /healthz');
    expect(cfg.all).toContain('http-check expect status 200');
    // WebSockets stay open past the HTTP timeouts; the apps are resolved through Docker's DNS.
    expect(cfg.all.some((line) => line.startsWith('timeout tunnel '))).toBe(true);
    expect(cfg.all).toContain('nameserver dns 127.0.0.11:53');
    expect(cfg.all.join('\n')).toMatch(/init-addr [\w,]*none/);
  });

  it('W320: routes the sockets of a board to one instance by a consistent hash of its path', () => {
    const cfg = haproxyConfig(readFileSync(cfgPath, 'utf8'));
    const frontend = cfg.sections.find((s) => s.header === 'frontend journeyboard')?.body;
    expect(frontend).toContain('use_backend journeyboard_boards if { path_beg /sync/ }');
    expect(frontend).toContain('default_backend journeyboard');
    const boards = cfg.sections.find((s) => s.header === 'backend journeyboard_boards')?.body;
    // `depth 2`: /sync/<boardId> of /sync/<boardId>/comments too; `path-only`: never ?token=.
    expect(boards).toContain('balance uri depth 2 path-only');
    expect(boards).toContain('hash-type consistent');
  });

  it('passes haproxy -c', (ctx) => {
    const binary = ['', ...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin']
      .filter(Boolean)
      .map((dir) => path.join(dir, 'haproxy'))
      .find((file) => existsSync(file));
    if (!binary) {
      // .ci/run installs it, so CI never skips this check.
      if (process.env.CI) throw new Error('haproxy is not installed (apt-get install haproxy)');
      ctx.skip('haproxy is not installed (apt-get install haproxy): config check skipped');
      return;
    }
    const result = spawnSync(binary, ['-c', '-f', cfgPath], { encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(0);
    // The app hosts do not resolve outside Docker (init-addr none); nothing else may warn.
    const unexpected = output
      .split('\n')
      .filter((line) => /\[(WARNING|ALERT)\]/.test(line))
      .filter((line) => !/could not resolve address 'app\d+'/.test(line));
    expect(unexpected).toEqual([]);
  });
});

describe('Dockerfile', () => {
  it('runs the compiled server as a non-root user with a health check', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toContain('dist/server/main.js');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
  });
});
