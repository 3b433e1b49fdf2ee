import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atsLaunch, atsRecords } from './ats-config.js';
import type { EngineInstance, EngineLaunch, EngineTuning } from './engine-launch.js';
import { ENGINE_CONFIGS } from './engine-configs.js';
import { resolveEngineBinary } from './find-engine.js';
import { LAB_ENGINES, type LabEngine } from './engine-spec.js';
import { nginxConf, nginxLaunch } from './nginx-config.js';
import { assertEngine, needsEngine, skipWithoutEngine } from '../../../test/helpers/require-engine.js';
import { varnishLaunch, varnishVcl } from './varnish-config.js';

const root = mkdtempSync(join(tmpdir(), 'cdnbench-config-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const inst = (engine: string, over: Partial<EngineInstance> = {}): EngineInstance => ({
  id: 'fra', port: 41001, dir: join(root, engine, 'fra'), upstream: { host: '127.0.0.1', port: 42002 }, cacheBytes: 64 * 1024 * 1024, privileged: false, ...over,
});
const tuning: EngineTuning = { cacheLock: true, readWhileWriter: true, refreshToken: 'f00dfeed' };

/** Writes a launch's directories and files the way the engine lab does. */
function materialize(i: EngineInstance, launch: EngineLaunch): void {
  mkdirSync(i.dir, { recursive: true });
  for (const d of launch.dirs) mkdirSync(join(i.dir, d), { recursive: true });
  for (const f of launch.files) writeFileSync(join(i.dir, f.path), f.content, { mode: f.mode ?? 0o644 });
}

describe('varnish config', () => {
  const vcl = varnishVcl(inst('varnish'));

  it('sends misses to the upstream, naming the PoP to the origin and to clients', () => {
    expect(vcl).toContain('.host = "127.0.0.1";');
    expect(vcl).toContain('.port = "42002";');
    expect(vcl).toContain('set bereq.http.x-cdnbench-edge = "fra";');
    expect(vcl).toContain('set resp.http.x-cdnbench-pop = "fra";');
  });

  it('reports cache status from obj.hits and RFC 9211, and purges by URL, xkey tag and ban from loopback only', () => {
    expect(vcl).toMatch(/obj\.hits > 0[\s\S]*x-cache = "HIT"/);
    expect(vcl).toContain('set resp.http.x-cache = "MISS";');
    expect(vcl).toContain('fra; fwd=miss; fwd-status=');
    expect(vcl).toMatch(/acl purgers \{\s*"127\.0\.0\.1";\s*"::1";\s*\}/);
    expect(vcl).toContain('if (client.ip !~ purgers)');
    expect(vcl).toContain('xkey.purge(req.http.xkey-purge)');
    expect(vcl).toContain('return (purge);');
    // The waiting list (coalescing) is Varnish's default: nothing may disable it.
    expect(vcl).not.toContain('hash_ignore_busy');
  });

  it('runs in the foreground with everything in the instance directory', () => {
    const i = inst('varnish');
    const { args } = varnishLaunch(i);
    expect(args).toEqual(expect.arrayContaining(['-F', '-a', '127.0.0.1:41001', '-f', join(i.dir, 'pop.vcl'), '-n', join(i.dir, 'work'), '-s', `malloc,${64 * 1024 * 1024}`]));
  });

  it.skipIf(skipWithoutEngine('varnish'))(needsEngine('varnish', 'the generated VCL compiles (varnishd -C)'), () => {
    assertEngine('varnish');
    const i = inst('varnish');
    const launch = varnishLaunch(i);
    materialize(i, launch);
    const bin = resolveEngineBinary('varnish');
    if (!('path' in bin)) throw new Error(bin.problem);
    const r = spawnSync(bin.path, ['-C', '-j', 'none', '-f', join(i.dir, 'pop.vcl'), '-n', join(i.dir, 'work')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});

describe('nginx config', () => {
  it('caches by request URI with the lock switch the profile chose, and refreshes only for the run secret', () => {
    const on = nginxConf(inst('nginx'), tuning);
    expect(on).toContain('listen 127.0.0.1:41001;');
    expect(on).toContain('server 127.0.0.1:42002;');
    expect(on).toContain('proxy_cache_key $request_uri;');
    expect(on).toContain('proxy_cache_lock on;');
    expect(on).toContain('proxy_cache_lock_timeout 30s;');
    expect(on).toMatch(/map \$http_x_cdnbench_refresh \$cdnbench_refresh \{\s*"f00dfeed" 1;\s*default 0;/);
    expect(on).toContain('proxy_cache_bypass $cdnbench_refresh;');
    expect(on).toContain('proxy_set_header x-cdnbench-refresh "";');
    expect(on).toContain('proxy_set_header x-cdnbench-edge fra;');
    expect(on).toContain('add_header x-cache-status $upstream_cache_status always;');
    expect(on).toContain('add_header x-cdnbench-pop fra always;');
    expect(nginxConf(inst('nginx'), { ...tuning, cacheLock: false })).toContain('proxy_cache_lock off;');
  });

  it('keeps workers as root only when cdnbench runs as root (nobody could not enter the private directory)', () => {
    expect(nginxConf(inst('nginx', { privileged: true }), tuning)).toMatch(/^user root;$/m);
    expect(nginxConf(inst('nginx'), tuning)).not.toMatch(/^user /m);
  });

  it('keeps the secret in a 0600 file and every path in the instance directory', () => {
    const i = inst('nginx');
    const launch = nginxLaunch(i, tuning);
    expect(launch.files).toEqual([expect.objectContaining({ path: 'nginx.conf', mode: 0o600 })]);
    const conf = launch.files[0]?.content ?? '';
    for (const m of conf.matchAll(/(?:pid|error_log|_temp_path|proxy_cache_path) (\/\S+)/g)) expect(m[1]?.startsWith(i.dir)).toBe(true);
    expect(launch.args).toEqual(['-p', `${i.dir}/`, '-c', join(i.dir, 'nginx.conf'), '-e', join(i.dir, 'error.log')]);
  });

  it.skipIf(skipWithoutEngine('nginx'))(needsEngine('nginx', 'the generated nginx.conf passes nginx -t'), () => {
    assertEngine('nginx');
    const i = inst('nginx');
    const launch = nginxLaunch(i, tuning);
    materialize(i, launch);
    const bin = resolveEngineBinary('nginx');
    if (!('path' in bin)) throw new Error(bin.problem);
    const r = spawnSync(bin.path, ['-t', ...launch.args], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});

describe('traffic server config', () => {
  it('read-while-writer on sets the four DOMAIN.md §5 settings; off disables it', () => {
    const on = atsRecords(inst('ats'), tuning);
    expect(on).toContain('CONFIG proxy.config.cache.enable_read_while_writer INT 1');
    expect(on).toContain('CONFIG proxy.config.http.background_fill_active_timeout INT 0');
    expect(on).toContain('CONFIG proxy.config.http.background_fill_completed_threshold FLOAT 0.0');
    expect(on).toContain('CONFIG proxy.config.cache.max_doc_size INT 0');
    const off = atsRecords(inst('ats'), { ...tuning, readWhileWriter: false });
    expect(off).toContain('CONFIG proxy.config.cache.enable_read_while_writer INT 0');
    expect(off).not.toContain('background_fill');
  });

  it('listens on loopback, names the PoP in Via and headers, and maps everything to the upstream', () => {
    const i = inst('ats');
    const launch = atsLaunch(i, tuning);
    const file = (p: string): string => launch.files.find((f) => f.path === p)?.content ?? '';
    expect(file('etc/records.config')).toContain('CONFIG proxy.config.http.server_ports STRING 41001:ip-in=127.0.0.1');
    expect(file('etc/records.config')).toContain('CONFIG proxy.config.proxy_name STRING fra');
    expect(file('etc/records.config')).toContain('CONFIG proxy.config.http.insert_response_via_str INT 2');
    expect(file('etc/remap.config')).toMatch(/^map \/ http:\/\/127\.0\.0\.1:42002\/ @plugin=header_rewrite\.so @pparam=\S+edge-headers\.conf @plugin=cache_range_requests\.so\n$/);
    expect(file('etc/edge-headers.conf')).toContain('set-header x-cdnbench-edge fra');
    expect(file('etc/edge-headers.conf')).toContain('set-header x-cdnbench-pop fra');
    expect(file('etc/ip_allow.yaml')).toContain('ip_addrs: 127.0.0.1, action: allow, methods: ALL');
    expect(file('etc/storage.config')).toBe(`${join(i.dir, 'cache')} ${64 * 1024 * 1024}\n`);
    for (const key of ['sysconfdir', 'runtimedir', 'logdir', 'cachedir', 'localstatedir']) expect(file('runroot.yaml')).toContain(`${key}: ${i.dir}/`);
    expect(launch.args).toEqual([`--run-root=${join(i.dir, 'runroot.yaml')}`]);
  });

  it.skipIf(skipWithoutEngine('ats'))(needsEngine('ats', 'the generated configuration passes traffic_server -C verify_config'), () => {
    assertEngine('ats');
    const i = inst('ats');
    const launch = atsLaunch(i, tuning);
    materialize(i, launch);
    const bin = resolveEngineBinary('ats');
    if (!('path' in bin)) throw new Error(bin.problem);
    const r = spawnSync(bin.path, [...launch.args, '-C', 'verify_config'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/ERROR/);
  });
});

describe('engine config registry', () => {
  it('has a generator for every engine whose arguments name the instance directory (pgrep -f finds it)', () => {
    for (const engine of LAB_ENGINES as readonly LabEngine[]) {
      const i = inst(engine);
      expect(ENGINE_CONFIGS[engine](i, tuning).args.some((a) => a.includes(i.dir)), engine).toBe(true);
    }
    expect(statSync(root).isDirectory()).toBe(true);
  });
});
