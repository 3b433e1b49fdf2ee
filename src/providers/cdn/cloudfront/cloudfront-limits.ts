/**
 * CloudFront invalidation limits ("Concurrent invalidation request maximum",
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/InvalidationLimits.html, retrieved
 * 2026-11-23): per distribution, at most 3,000 file paths and, separately, 15 wildcard (`*`) paths in
 * invalidations in progress at once; beyond that the API answers TooManyInvalidationsInProgress. So one
 * CreateInvalidation carries at most 3,000 paths of which at most 15 wildcards, and the next batch waits
 * for the previous one to complete.
 */

/** Non-wildcard paths in progress per distribution. */
export const CLOUDFRONT_MAX_PATHS_IN_PROGRESS = 3000;

/** Wildcard paths in progress per distribution. */
export const CLOUDFRONT_MAX_WILDCARDS_IN_PROGRESS = 15;

/** Splits paths into invalidation batches within both limits, order kept. */
export function invalidationBatches(paths: readonly string[]): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let files = 0;
  let wildcards = 0;
  for (const p of paths) {
    const wild = p.includes('*');
    if ((wild && wildcards === CLOUDFRONT_MAX_WILDCARDS_IN_PROGRESS) || (!wild && files === CLOUDFRONT_MAX_PATHS_IN_PROGRESS)) {
      out.push(cur);
      cur = [];
      files = 0;
      wildcards = 0;
    }
    cur.push(p);
    if (wild) wildcards++;
    else files++;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
