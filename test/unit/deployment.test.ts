import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface ComposeService {
  build?: unknown;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
}

describe('deployment files', () => {
  it('docker-compose.yml is valid YAML with the app on a persistent volume', () => {
    const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, ComposeService>;
      volumes: Record<string, unknown>;
    };
    const app = compose.services.app!;
    expect(app.build).toBe('.');
    expect(app.environment?.DATA_DIR).toBe('/data');
    expect(app.environment?.HOST).toBe('0.0.0.0');
    expect(app.ports).toContain('1234:1234');
    const [volume] = app.volumes![0]!.split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it('the Dockerfile runs the compiled server as a non-root user with a health check', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
    expect(dockerfile).toContain('dist/server/main.js');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
  });
});
