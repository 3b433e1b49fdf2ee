/**
 * The AWS SDK's CloudFront client, loaded on first use: importing it costs about half a second of CPU,
 * which every `cdnbench` command paid at start-up (the CLI's start is part of a run's measured cost)
 * although only a CloudFront provider needs it.
 */

/** The @aws-sdk/client-cloudfront module. */
export type CloudFrontSdk = typeof import('@aws-sdk/client-cloudfront');

let loading: Promise<CloudFrontSdk> | null = null;

/** The SDK module, imported once. */
export function cloudFrontSdk(): Promise<CloudFrontSdk> {
  loading ??= import('@aws-sdk/client-cloudfront');
  return loading;
}
