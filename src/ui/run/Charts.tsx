/** Price and equity side by side; loaded on demand with lightweight-charts. */
import { useEffect } from 'react';
import { EquityChart } from './EquityChart';
import { PriceChart } from './PriceChart';
import { warmUpCharts } from './warmCharts';

export default function Charts() {
  // Before the first run, while the page is idle: the run's first paints need not run cold code.
  useEffect(() => warmUpCharts(), []);
  return (
    <div className="charts">
      <PriceChart />
      <EquityChart />
    </div>
  );
}
