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

  it('names every invalid variable at once', () => {
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

  it('refuses back ends this version cannot serve instead of silently ignoring them', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x' })).toThrowError(
      /DATABASE_URL/,
    );
    expect(() => loadConfig({ REDIS_URL: 'redis://localhost' })).toThrowError(/REDIS_URL/);
  });
});
