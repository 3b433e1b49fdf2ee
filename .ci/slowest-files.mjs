#!/usr/bin/env node
/**
 * Prints the N slowest test files (default 10) of a vitest JSON report, slowest first, so every CI run
 * shows where the suite's time goes. Usage: node .ci/slowest-files.mjs test-artifacts/vitest.json [N]
 * Reads each file's startTime/endTime (ms); paths are shown relative to the working directory.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [file, count = '10'] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: node .ci/slowest-files.mjs REPORT.json [N]');
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const files = (Array.isArray(report.testResults) ? report.testResults : [])
  .filter((r) => typeof r.name === 'string' && Number.isFinite(r.startTime) && Number.isFinite(r.endTime))
  .map((r) => ({ name: relative(process.cwd(), r.name), ms: r.endTime - r.startTime }))
  .sort((a, b) => b.ms - a.ms)
  .slice(0, Number(count));
console.log(`slowest ${files.length} test files:`);
for (const f of files) console.log(`${(f.ms / 1000).toFixed(1).padStart(7)} s  ${f.name}`);
