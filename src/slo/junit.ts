/**
 * The SLO verdict as JUnit XML for CI systems: one testcase per threshold × provider (the measured
 * value in the failure message, every scoped value in the body or in system-out when it passed), one
 * per baseline comparison, and a `run` testcase when the run failed or an abortOnFail threshold stopped it.
 */
import { hostname } from 'node:os';
import { XMLBuilder } from 'fast-xml-parser';
import { boundText, measuredText, valuesText, type SloReport } from './slo-report.js';

interface TestCase {
  '@_classname': string;
  '@_name': string;
  '@_time': string;
  failure?: { '@_message': string; '@_type': string; '#text': string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}

function cases(r: SloReport): TestCase[] {
  const out: TestCase[] = r.outcomes.map((o) => {
    const tc: TestCase = { '@_classname': `cdnbench.slo.${o.provider}`, '@_name': o.threshold.source, '@_time': '0' };
    const measured = `measured ${measuredText(o)}, expected ${boundText(o)}`;
    if (o.pass) tc['system-out'] = `${measured}\n${valuesText(o)}`;
    else tc.failure = { '@_message': measured, '@_type': 'ThresholdFailed', '#text': valuesText(o) };
    return tc;
  });
  for (const g of r.regressions) {
    const tc: TestCase = { '@_classname': `cdnbench.baseline.${g.provider}`, '@_name': `${g.metric} regression`, '@_time': '0' };
    if (g.skipped !== null) tc.skipped = { '@_message': g.message };
    else if (g.pass) tc['system-out'] = g.message;
    else tc.failure = { '@_message': g.message, '@_type': 'RegressionFailed', '#text': g.message };
    out.push(tc);
  }
  const stopped = [r.runFailure === null ? null : `the run failed: ${r.runFailure}`, r.aborted === null ? null : `stopped by abortOnFail: ${r.aborted}`,
    r.notRun.length === 0 ? null : `providers not run: ${r.notRun.join(', ')}`].filter((x): x is string => x !== null);
  if (stopped.length > 0) {
    const message = stopped.join('; ');
    out.push({ '@_classname': 'cdnbench.run', '@_name': 'run', '@_time': (r.durationMs / 1000).toFixed(3), failure: { '@_message': message, '@_type': 'RunStopped', '#text': message } });
  }
  return out;
}

/** The JUnit XML document of a report. */
export function junitXml(r: SloReport): string {
  const testcase = cases(r);
  const failures = testcase.filter((t) => t.failure !== undefined).length;
  const skipped = testcase.filter((t) => t.skipped !== undefined).length;
  const time = (r.durationMs / 1000).toFixed(3);
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'cdnbench', '@_tests': testcase.length, '@_failures': failures, '@_errors': 0, '@_skipped': skipped, '@_time': time,
      testsuite: {
        '@_name': `cdnbench slo ${r.scenario}`, '@_tests': testcase.length, '@_failures': failures, '@_errors': 0, '@_skipped': skipped,
        '@_time': time, '@_timestamp': r.endedAt, '@_hostname': hostname(),
        properties: { property: [{ '@_name': 'runId', '@_value': r.runId }, { '@_name': 'scenario', '@_value': r.scenario }] },
        testcase,
      },
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });
  return builder.build(doc) as string;
}
