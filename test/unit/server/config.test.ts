import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 1234,
      HOST: '127.0.0.1',
      DATA_DIR: path.resolve('./data'),
      FLUSH_DELAY_MS: 20,
    });
  });

  it('parses numbers from the environment', () => {
    expect(loadConfig({ PORT: '8080', FLUSH_DELAY_MS: '0' })).toMatchObject({
      PORT: 8080,
      FLUSH_DELAY_MS: 0,
    });
  });

  it('W1: names every invalid variable at once', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', FLUSH_DELAY_MS: '500', LOG_LEVEL: 'loud' }),
    ).toThrowError(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', FLUSH_DELAY_MS: '500', LOG_LEVEL: 'loud' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('FLUSH_DELAY_MS');
      expect(message).toContain('LOG_LEVEL');
    }
  });

  it('S3: accepts PostgreSQL and Redis, and refuses a cluster without shared storage or secret', () => {
    const secret = 'x'.repeat(32);
    const pg = loadConfig({ DATABASE_URL: 'postgres://localhost/x' });
    expect(pg.DATABASE_URL).toBe('postgres://localhost/x');
    expect(pg.DATABASE_SCHEMA).toBe('public');
    const cluster = loadConfig({
      DATABASE_URL: 'postgresql://u:p@db/x',
      REDIS_URL: 'redis://cache:6379',
      AUTH_SECRET: secret,
      INSTANCE_ID: 'app-1',
    });
    expect(cluster.REDIS_URL).toBe('redis://cache:6379');
    expect(cluster.INSTANCE_ID).toBe('app-1');
    expect(() => loadConfig({ REDIS_URL: 'redis://cache', AUTH_SECRET: secret })).toThrowError(
      /REDIS_URL: scale-out needs shared storage/,
    );
    expect(() =>
      loadConfig({ REDIS_URL: 'redis://cache', DATABASE_URL: 'postgres://db/x' }),
    ).toThrowError(/AUTH_SECRET: required with REDIS_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/x' })).toThrowError(/DATABASE_URL/);
    expect(() => loadConfig({ REDIS_URL: 'http://cache' })).toThrowError(/REDIS_URL/);
    expect(() => loadConfig({ DATABASE_SCHEMA: 'Robert"; drop' })).toThrowError(/DATABASE_SCHEMA/);
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ ADMIN_TOKEN: '', CREATE_TOKEN: '', PORT: '' });
    expect(config.ADMIN_TOKEN).toBeUndefined();
    expect(config.PORT).toBe(1234);
  });

  it('names each instance, by default after its host with a random suffix', () => {
    const a = loadConfig({}).INSTANCE_ID;
    const b = loadConfig({}).INSTANCE_ID;
    expect(a).toMatch(/-[0-9a-f]{6}$/);
    expect(a).not.toBe(b);
  });
});
