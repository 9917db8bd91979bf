/**
 * The sample bar sets shipped in public/data. The data layer reads the files; the catalogue only
 * needs their ids and labels to offer them.
 */
export const SAMPLE_SETS = [
  {
    value: 'synthetic_daily',
    label: 'Synthetic daily (seeded, 5 years)',
    file: 'synthetic_daily.csv',
    symbol: 'SYN',
  },
] as const;

export type SampleSetId = (typeof SAMPLE_SETS)[number]['value'];
