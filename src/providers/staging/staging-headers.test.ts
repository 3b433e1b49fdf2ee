import { describe, expect, it } from 'vitest';
import { hasRequestHeaders } from '../adapter.js';
import { envSecrets } from '../../util/env-secrets.js';
import { stagingProfileSchema } from './staging-profile.js';
import { createStagingProvider } from './staging-provider.js';

const profile = (headers?: Record<string, string>): ReturnType<typeof stagingProfileSchema.parse> =>
  stagingProfileSchema.parse({ kind: 'staging', endpoints: ['http://127.0.0.1:9/'], ...(headers === undefined ? {} : { headers }) });

describe('staging profile headers', () => {
  it('fills ${env.NAME} and sends the headers with every request (WithRequestHeaders)', () => {
    const p = createStagingProvider('stg', profile({ Authorization: 'Bearer ${env.STG_TOKEN_T}' }), { STG_TOKEN_T: 'stg-profile-token-77' });
    expect(hasRequestHeaders(p)).toBe(true);
    expect(p.requestHeaders).toEqual({ Authorization: 'Bearer stg-profile-token-77' });
    expect(envSecrets.redact('x stg-profile-token-77')).toBe('x [redacted]');
  });

  it('has no request headers without the field, and refuses an unset variable (exit 104)', () => {
    expect(hasRequestHeaders(createStagingProvider('stg', profile(), {}))).toBe(false);
    expect(() => createStagingProvider('stg', profile({ 'X-Key': '${env.STG_UNSET_T}' }), {})).toThrow(/provider stg: headers\.X-Key: \$\{env\.STG_UNSET_T\} is not set/);
  });
});
