/** Facts about where a run happens, for the result's metadata. */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** The git commit of the current directory's checkout, or null outside one. */
export function gitCommit(cwd = process.cwd()): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).toString().trim() || null;
  } catch {
    return null;
  }
}

/** A sortable, filesystem-safe run id: 20261123-134512-page-turns-3f9a. */
export function newRunId(scenarioName: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${scenarioName}-${randomBytes(2).toString('hex')}`;
}
