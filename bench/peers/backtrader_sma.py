"""
Runs the reference backtest in backtrader for the agreement test
(src/engine/components/agreement.test.ts): an SMA 10/20 crossover on a daily CSV, long only,
95% of the portfolio value per entry (whole shares, sized on the decision bar's close), market
orders filled at the next bar's open, 0.1% commission per fill. Prints the trades and the final
value as JSON.

backtrader is not a dependency of Flow Studio. To regenerate the fixture:
    pip install backtrader   # or PYTHONPATH=<a backtrader checkout>
    python3 bench/peers/backtrader_sma.py public/data/aapl_daily.csv > src/engine/components/fixtures/backtrader-sma-aapl.json
"""
import json
import sys

import backtrader as bt


class SmaCross(bt.Strategy):
    # The same rule as Flow Studio's sma_crossover: hold long while the fast SMA is above the slow
    # one, be flat while it is below (a state, not only a cross).
    params = dict(fast=10, slow=20, equity_pct=0.95)

    def __init__(self):
        self.fast = bt.indicators.SMA(self.data.close, period=self.p.fast)
        self.slow = bt.indicators.SMA(self.data.close, period=self.p.slow)
        self.trades_out = []

    def next(self):
        if self.fast[0] > self.slow[0] and not self.position:
            size = int(self.broker.getvalue() * self.p.equity_pct / self.data.close[0])
            self.buy(size=size)
        elif self.fast[0] < self.slow[0] and self.position:
            self.close()

    def notify_trade(self, trade):
        if trade.isclosed:
            self.trades_out.append(
                dict(
                    entry=bt.num2date(trade.dtopen).strftime('%Y-%m-%d'),
                    exit=bt.num2date(trade.dtclose).strftime('%Y-%m-%d'),
                    size=trade.history[0].event.size if trade.history else None,
                    entry_price=trade.price,
                    pnl=trade.pnl,
                    pnl_net=trade.pnlcomm,
                )
            )


def main(path):
    cerebro = bt.Cerebro(stdstats=False)
    cerebro.broker.setcash(100000.0)
    cerebro.broker.setcommission(commission=0.001)
    data = bt.feeds.GenericCSVData(
        dataname=path,
        dtformat='%Y-%m-%d',
        datetime=0, open=1, high=2, low=3, close=4, volume=6, openinterest=-1,
        headers=True,
    )
    cerebro.adddata(data)
    cerebro.addstrategy(SmaCross)
    strategy = cerebro.run(tradehistory=True)[0]
    json.dump(
        dict(
            engine='backtrader ' + bt.__version__,
            rules='SMA 10/20 state crossover, long only, 95% of value, next-open market fills, 0.1% commission',
            data=path,
            final_value=cerebro.broker.getvalue(),
            cash=cerebro.broker.getcash(),
            position=strategy.position.size,
            trades=strategy.trades_out,
        ),
        sys.stdout,
        indent=2,
    )
    sys.stdout.write('\n')


if __name__ == '__main__':
    main(sys.argv[1])
