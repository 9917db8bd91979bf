/** Price and equity side by side; loaded on demand with lightweight-charts. */
import { EquityChart } from './EquityChart';
import { PriceChart } from './PriceChart';

export default function Charts() {
  return (
    <div className="charts">
      <PriceChart />
      <EquityChart />
    </div>
  );
}
