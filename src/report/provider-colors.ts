/**
 * One colour per provider, the same in every chart and format: the Okabe–Ito palette, which stays apart for
 * the common colour-vision deficiencies and reads on both light and dark backgrounds.
 */

/** The palette, in assignment order (yellow is left out: it vanishes on white). */
export const PROVIDER_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#999999', '#6A3D9A'] as const;

/** The colour of the provider at `index` in the report's (sorted) provider list; cycles past the palette. */
export function providerColor(index: number): string {
  return PROVIDER_PALETTE[index % PROVIDER_PALETTE.length] ?? '#0072B2';
}
