import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../errors.js';
import { applyEnvFlags, envSecrets, expandEnv, expandHeaders } from './env-secrets.js';

describe('${env.NAME} in headers', () => {
  it('fills the value and registers it for redaction', () => {
    const env = { STAGING_TOKEN: 'stg-token-8f3e21' };
    expect(expandHeaders({ Authorization: 'Bearer ${env.STAGING_TOKEN}' }, 'h', env)).toEqual({ Authorization: 'Bearer stg-token-8f3e21' });
    expect(envSecrets.redact('sent Bearer stg-token-8f3e21')).toBe('sent Bearer [redacted]');
  });

  it('names an unset variable in an exit-104 error', () => {
    expect(() => expandEnv('Bearer ${env.NOPE_UNSET}', 'sessions.a.steps[0].headers.Authorization', {})).toThrow(
      new InvalidConfigError('sessions.a.steps[0].headers.Authorization: ${env.NOPE_UNSET} is not set (export NOPE_UNSET=… or pass -e NOPE_UNSET=…)'),
    );
  });

  it('-e KEY=VALUE sets the variable; a malformed flag is refused', () => {
    const env: NodeJS.ProcessEnv = {};
    applyEnvFlags(['A_B=x=y', 'EMPTY='], env);
    expect(env).toEqual({ A_B: 'x=y', EMPTY: '' });
    expect(() => applyEnvFlags(['1BAD=x'], env)).toThrow(InvalidConfigError);
  });
});
