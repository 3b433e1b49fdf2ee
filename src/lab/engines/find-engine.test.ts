import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineProblems, findExecutable, resolveEngineBinary, varnishVmodDirs } from './find-engine.js';

const root = mkdtempSync(join(tmpdir(), 'cdnbench-find-engine-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(path: string, mode: number): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return path;
}

const bin = join(root, 'bin');
const sbin = join(root, 'sbin');
const nginx = file(join(sbin, 'nginx'), 0o755);
file(join(bin, 'varnishd'), 0o644); // not executable: must not count

describe('findExecutable', () => {
  it('searches PATH, then the extra sbin directories, skipping files that are not executable', () => {
    expect(findExecutable('nginx', { PATH: bin }, [sbin])).toBe(nginx);
    expect(findExecutable('varnishd', { PATH: bin }, [])).toBeNull();
    expect(findExecutable('nginx', { PATH: bin }, [])).toBeNull();
  });
});

describe('resolveEngineBinary', () => {
  it('says which Debian package to install when the binary is nowhere', () => {
    expect(resolveEngineBinary('varnish', { PATH: bin }, [])).toEqual({ problem: 'varnishd not found: apt-get install varnish' });
    expect(resolveEngineBinary('ats', { PATH: '' }, [])).toEqual({ problem: 'traffic_server not found: apt-get install trafficserver' });
    expect(resolveEngineBinary('nginx', { PATH: '' }, [sbin])).toEqual({ path: nginx });
  });

  it('takes the override variable first, and refuses one that is not an absolute executable', () => {
    expect(resolveEngineBinary('nginx', { PATH: '', CDNBENCH_NGINX: nginx }, [])).toEqual({ path: nginx });
    const bad = resolveEngineBinary('nginx', { PATH: '', CDNBENCH_NGINX: join(root, 'nope') }, [sbin]);
    expect(bad).toEqual({ problem: expect.stringMatching(/^nginx not found at .*nope \(from CDNBENCH_NGINX\)/) });
    expect(resolveEngineBinary('nginx', { PATH: '', CDNBENCH_NGINX: 'nginx' }, [sbin])).toHaveProperty('problem');
    expect(resolveEngineBinary('nginx', { PATH: '', CDNBENCH_NGINX: '' }, [sbin])).toEqual({ path: nginx });
  });
});

describe('varnish vmods', () => {
  it('finds Debian-style vmod directories and reports a missing xkey', () => {
    const lib = join(root, 'lib');
    file(join(lib, 'x86_64-linux-gnu', 'varnish', 'vmods', 'libvmod_std.so'), 0o644);
    expect(varnishVmodDirs([lib])).toEqual([join(lib, 'x86_64-linux-gnu', 'varnish', 'vmods')]);
    const env = { PATH: '', CDNBENCH_VARNISHD: nginx }; // any executable stands in for varnishd
    expect(engineProblems('varnish', env, [lib])).toEqual(['vmod xkey not found: apt-get install varnish-modules']);
    file(join(lib, 'x86_64-linux-gnu', 'varnish', 'vmods', 'libvmod_xkey.so'), 0o644);
    expect(engineProblems('varnish', env, [lib])).toEqual([]);
    // No vmod directory at all (a custom build): the VCL compiler will say what is missing.
    expect(engineProblems('varnish', env, [join(root, 'none')])).toEqual([]);
  });
});
