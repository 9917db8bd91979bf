/**
 * The real bar series shipped in public/data (sources and licences in public/data/README.md).
 * The data layer reads the files; the catalogue only needs their ids and labels to offer them.
 * Synthetic bars come from the synthetic_bars component instead, generated from a seed.
 */
export const SAMPLE_SETS = [
  {
    value: 'aapl_daily',
    label: 'AAPL daily, May 2013 – May 2018 (1,260 bars)',
    file: 'aapl_daily.csv',
    symbol: 'AAPL',
  },
  {
    value: 'sp500_daily',
    label: 'S&P 500 daily, Jan 2000 – Apr 2020 (5,105 bars)',
    file: 'sp500_daily.csv',
    symbol: 'SPX',
  },
] as const;

export type SampleSetId = (typeof SAMPLE_SETS)[number]['value'];
