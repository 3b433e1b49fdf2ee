/**
 * Reads a dataset file into entries: a plain list (one path per line, `#` comments), CSV with a header
 * naming `path` and optionally `weight`, `bytes`, `class`, or JSON lines with the same fields (the
 * `dataset from-log` output: `requests` stands in for `weight`). Every problem is reported with its line,
 * as InvalidConfigError (exit 104).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { InvalidConfigError, describeError } from '../errors.js';
import { OBJECT_CLASSES, type ObjectClass } from '../result/sample.js';
import { Dataset, type DatasetEntry } from './dataset.js';

const MAX_PROBLEMS = 5;

/** The dataset format a file name implies. */
export function datasetFormat(file: string): 'csv' | 'jsonl' | 'list' {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  return 'list';
}

/** Loads and compacts a dataset file; `label` names it in messages (the path as the scenario wrote it). */
export function loadDataset(file: string, label = file): Dataset {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InvalidConfigError(`cannot read dataset ${label}: ${describeError(err)}`);
  }
  const problems: string[] = [];
  const entries = parseDatasetText(text, datasetFormat(file), problems);
  if (entries.length === 0 && problems.length === 0) problems.push('the file has no entries');
  else if (problems.length === 0 && !entries.some((e) => e.weight > 0)) problems.push('every weight is 0');
  if (problems.length > 0) {
    throw new InvalidConfigError(`invalid dataset ${label}: ${problems[0] ?? ''}`, problems.slice(1, MAX_PROBLEMS));
  }
  return new Dataset(label, entries);
}

/** Parses dataset text; problems are appended (with line numbers) instead of thrown. */
export function parseDatasetText(text: string, format: 'csv' | 'jsonl' | 'list', problems: string[]): DatasetEntry[] {
  if (format === 'csv') return parseCsvText(text, problems);
  const out: DatasetEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || (format === 'list' && line.startsWith('#'))) return;
    const where = `line ${i + 1}`;
    if (format === 'list') {
      addEntry(out, problems, where, { path: line });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      problems.push(`${where}: not JSON: ${describeError(err)}`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${where}: expected a JSON object with a "path"`);
      return;
    }
    const o = value as Record<string, unknown>;
    addEntry(out, problems, where, { path: o.path, weight: o.weight ?? o.requests, bytes: o.bytes, class: o.class });
  });
  return out;
}

function parseCsvText(text: string, problems: string[]): DatasetEntry[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, comment: '#' });
  } catch (err) {
    problems.push(`malformed CSV: ${describeError(err)}`);
    return [];
  }
  const first = rows[0];
  if (first !== undefined && !('path' in first)) {
    problems.push('the CSV header has no "path" column (columns: path, weight, bytes, class)');
    return [];
  }
  const out: DatasetEntry[] = [];
  rows.forEach((r, i) => addEntry(out, problems, `line ${i + 2}`, { path: r.path, weight: blank(r.weight), bytes: blank(r.bytes), class: blank(r.class) }));
  return out;
}

function blank(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/** Validates one raw entry; a full URL keeps only its path and query (the PoP supplies scheme and host). */
function addEntry(out: DatasetEntry[], problems: string[], where: string, raw: { path: unknown; weight?: unknown; bytes?: unknown; class?: unknown }): void {
  if (problems.length >= MAX_PROBLEMS) return;
  let path = typeof raw.path === 'string' ? raw.path.trim() : '';
  if (/^https?:\/\//i.test(path)) {
    const u = new URL(path);
    path = `${u.pathname}${u.search}`;
  }
  if (!path.startsWith('/') || /\s/.test(path)) {
    problems.push(`${where}: expected a path starting with / (relative to each PoP), got ${JSON.stringify(raw.path ?? null).slice(0, 80)}`);
    return;
  }
  const weight = raw.weight === undefined ? 1 : Number(raw.weight);
  if (!Number.isFinite(weight) || weight < 0) {
    problems.push(`${where}: weight must be a number >= 0`);
    return;
  }
  const bytes = raw.bytes === undefined || raw.bytes === null ? null : Number(raw.bytes);
  if (bytes !== null && !(Number.isFinite(bytes) && bytes >= 0)) {
    problems.push(`${where}: bytes must be a number >= 0`);
    return;
  }
  let objectClass: ObjectClass | null = null;
  if (raw.class !== undefined && raw.class !== null) {
    const c = String(raw.class);
    if (!(OBJECT_CLASSES as readonly string[]).includes(c)) {
      problems.push(`${where}: unknown class "${c}" (known: ${OBJECT_CLASSES.join(', ')})`);
      return;
    }
    objectClass = c as ObjectClass;
  }
  out.push({ path, weight, bytes, objectClass });
}
