import { describe, expect, it } from 'vitest';
import { groupUrl, pushTarget } from './pushgateway.js';

describe('pushTarget', () => {
  it('builds the group URL, keeping a path prefix and using base64url for values with a slash', () => {
    expect(groupUrl(pushTarget('http://gw:9091', 'cdnbench', 'ci-1', {}))).toBe('http://gw:9091/metrics/job/cdnbench/instance/ci-1');
    expect(groupUrl(pushTarget('https://mon.example.com/pushgateway/', 'night ly', 'a/b', {}))).toBe(
      `https://mon.example.com/pushgateway/metrics/job/night%20ly/instance@base64/${Buffer.from('a/b').toString('base64url')}`,
    );
  });

  it('reads basic auth from the environment only', () => {
    expect(pushTarget('http://gw:9091', 'j', 'i', { CDNBENCH_PUSHGATEWAY_USER: 'u', CDNBENCH_PUSHGATEWAY_PASSWORD: 'p' }).auth).toEqual({ user: 'u', password: 'p' });
    expect(pushTarget('http://gw:9091', 'j', 'i', {}).auth).toBeNull();
    expect(() => pushTarget('http://gw:9091', 'j', 'i', { CDNBENCH_PUSHGATEWAY_USER: 'u' })).toThrow(/set both/);
  });

  it('refuses credentials in the URL without repeating them, and other schemes', () => {
    let message = '';
    try {
      pushTarget('http://user:hunter2@gw:9091', 'j', 'i', {});
    } catch (err) {
      message = err instanceof Error ? err.message : '';
    }
    expect(message).toContain('not in the URL');
    expect(message).not.toContain('hunter2');
    expect(() => pushTarget('ftp://gw', 'j', 'i', {})).toThrow(/http\(s\) URL/);
    expect(() => pushTarget('not a url', 'j', 'i', {})).toThrow(/http\(s\) URL/);
    expect(() => pushTarget('http://gw?x=1', 'j', 'i', {})).toThrow(/no query/);
    expect(() => pushTarget('http://gw', '', 'i', {})).toThrow(/must not be empty/);
  });
});
