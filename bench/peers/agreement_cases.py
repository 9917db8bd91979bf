"""
The agreement cases (src/engine/components/peers.test.ts), run in backtrader AND backtesting.py
on one daily CSV: each case's fills (date, side, size, price, commission) and final value, as
JSON. Flow Studio reads the same case list (bench/peers/agreement-cases.json) and must produce
the same fills and final value to the cent with the flow settings the test names.

Neither peer is a dependency of Flow Studio, and neither can be installed where CI runs; the
figures they produced are committed as fixtures. To regenerate them:

    pip install backtrader backtesting        # or, offline, checkouts of both:
    # backtrader 1.9.78 (pure Python): PYTHONPATH=<backtrader checkout>
    # backtesting.py 0.6.x needs pandas and numpy (Debian: apt-get install python3-pandas
    # python3-numpy); it imports bokeh only to plot, so without bokeh this script stubs that
    # module out (nothing here plots).
    PYTHONPATH=/work/peers/backtrader:/work/peers/backtesting.py \\
      python3 bench/peers/agreement_cases.py public/data/aapl_daily.csv aapl \\
      > src/engine/components/fixtures/peers-aapl.json
    ... public/data/sp500_daily.csv sp500 > src/engine/components/fixtures/peers-sp500.json

How each peer is told to follow the case (the conventions are in docs/engine-semantics.md):
- entries on an actual cross: backtrader's CrossOver, backtesting.py's crossover();
- market orders at the next bar's open: both peers' default;
- all in (backtesting.py's buy() with no size: the most whole shares the cash pays for at the
  fill price, commission included): backtesting.py as it is; backtrader with cheat_on_open, which
  lets next_open() size the order at the open it fills at;
- stop loss and take profit measured from the entry fill and checked from the bar after it:
  backtrader submits a stop and a limit (one cancels the other) when the entry fills;
  backtesting.py sets trade.sl and trade.tp on the bar of the fill (checked from the next bar);
- limit entries good for one bar: both peers cancel an entry limit the next bar did not reach;
- commission per fill: percentage (backtrader commission=, backtesting.py commission=) or per
  share (backtrader COMM_FIXED, backtesting.py a commission function).
"""
import json
import math
import os
import sys
import types
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, 'agreement-cases.json')) as f:
    SPEC = json.load(f)

# backtesting.py imports bokeh for plotting only.
try:
    import bokeh  # noqa: F401
except ImportError:
    stub = types.ModuleType('backtesting._plotting')
    stub.plot = stub.plot_heatmaps = stub.set_bokeh_output = lambda *a, **k: None
    sys.modules['backtesting._plotting'] = stub

import backtrader as bt  # noqa: E402
import pandas as pd  # noqa: E402
from backtesting import Backtest, Strategy  # noqa: E402
from backtesting.lib import crossover  # noqa: E402
import backtesting  # noqa: E402

warnings.filterwarnings('ignore')


def commission_of(case):
    return case['commission']


def quantity_of(case, series):
    return case.get('quantity', {}).get(series)


# ---------------------------------------------------------------------------------- backtrader
class BtCross(bt.Strategy):
    params = dict(case=None, series=None)

    def __init__(self):
        c = self.p.case
        self.fast = bt.indicators.SMA(self.data.close, period=c['fast'])
        self.slow = bt.indicators.SMA(self.data.close, period=c['slow'])
        self.cross = bt.indicators.CrossOver(self.fast, self.slow)
        self.fills = []
        self.want = 0  # all in: the direction decided on the close, ordered at the next open
        self.exits = []  # stop and target of the open position
        self.entry_limit = None
        # Orders cancelled before the broker accepted them (an exit decided on the bar its entry
        # filled): backtrader ignores a cancel that early, so they are cancelled on acceptance.
        self.stale = []

    def notify_order(self, order):
        if order.status == order.Accepted and order in self.stale:
            self.cancel(order)
        if order.status != order.Completed:
            return
        c = self.p.case
        self.fills.append(dict(
            date=bt.num2date(order.executed.dt).strftime('%Y-%m-%d'),
            side='BUY' if order.isbuy() else 'SELL',
            size=abs(order.executed.size),
            price=order.executed.price,
            commission=order.executed.comm,
        ))
        if order is self.entry_limit:
            self.entry_limit = None
        if order in self.exits:
            self.exits = []
            return
        if c.get('stop_loss_pct') and order.isbuy() and self.position.size > 0:
            entry = order.executed.price
            stop = self.sell(exectype=bt.Order.Stop, price=entry * (1 - c['stop_loss_pct'] / 100),
                             size=order.executed.size)
            target = self.sell(exectype=bt.Order.Limit,
                               price=entry * (1 + c['take_profit_pct'] / 100),
                               size=order.executed.size, oco=stop)
            self.exits = [stop, target]

    def next(self):
        c = self.p.case
        if self.entry_limit is not None:  # good for one bar: the bar after the decision
            self.cancel(self.entry_limit)
            self.entry_limit = None
        if c['sizing'] == 'all_in':
            if self.cross > 0:
                self.want = 1
            elif self.cross < 0:
                self.want = -1 if c['short'] else 0
            return
        if self.cross > 0 and not self.position:
            size = quantity_of(c, self.p.series)
            if c.get('entry_limit_pct'):
                self.entry_limit = self.buy(exectype=bt.Order.Limit, size=size,
                                            price=self.data.close[0] * (1 - c['entry_limit_pct'] / 100))
            else:
                self.buy(size=size)
        elif self.cross < 0 and self.position:
            for order in self.exits:
                self.cancel(order)
            self.stale += self.exits
            self.exits = []
            self.close()

    def next_open(self):
        c = self.p.case
        if c['sizing'] != 'all_in' or self.want == 0 and not self.position:
            return
        side = 1 if self.position.size > 0 else -1 if self.position.size < 0 else 0
        if side == self.want:
            return
        price = self.data.open[0]
        rate = c['commission']['pct'] / 100
        cash = self.broker.getcash()
        if self.position:
            held = self.position.size
            cash += held * price - abs(held) * price * rate
            self.close()
        if self.want != 0:
            size = math.floor(cash * c['equity_pct'] / 100 / (price * (1 + rate)))
            (self.buy if self.want > 0 else self.sell)(size=size)


def run_backtrader(case, series, path):
    cerebro = bt.Cerebro(stdstats=False, cheat_on_open=case['sizing'] == 'all_in')
    cerebro.broker.setcash(SPEC['cash'])
    commission = commission_of(case)
    if commission['model'] == 'percentage':
        cerebro.broker.setcommission(commission=commission['pct'] / 100)
    else:
        cerebro.broker.setcommission(commission=commission['per_share'],
                                     commtype=bt.CommInfoBase.COMM_FIXED, stocklike=True)
    cerebro.adddata(bt.feeds.GenericCSVData(
        dataname=path, dtformat='%Y-%m-%d',
        datetime=0, open=1, high=2, low=3, close=4, volume=6, openinterest=-1, headers=True,
    ))
    cerebro.addstrategy(BtCross, case=case, series=series)
    strategy = cerebro.run()[0]
    return dict(fills=strategy.fills, final_value=cerebro.broker.getvalue(),
                position=strategy.position.size)


# ------------------------------------------------------------------------------ backtesting.py
def sma(values, n):
    return pd.Series(values).rolling(n).mean()


def all_in(case):
    # backtesting.py's default size is all of the available cash (1 - epsilon of it).
    return {} if case['equity_pct'] >= 100 else dict(size=case['equity_pct'] / 100)


class BpCross(Strategy):
    case = None
    series = None

    def init(self):
        c = self.case
        self.fast = self.I(sma, self.data.Close, c['fast'])
        self.slow = self.I(sma, self.data.Close, c['slow'])

    def next(self):
        c = self.case
        for order in list(self.orders):  # an entry limit is good for one bar
            if not order.is_contingent:
                order.cancel()
        if c.get('stop_loss_pct'):
            for trade in self.trades:  # measured from the entry fill, from the bar after it
                if trade.sl is None:
                    trade.sl = trade.entry_price * (1 - c['stop_loss_pct'] / 100)
                    trade.tp = trade.entry_price * (1 + c['take_profit_pct'] / 100)
        up, down = crossover(self.fast, self.slow), crossover(self.slow, self.fast)
        if c['sizing'] == 'all_in':
            if up:
                self.position.close()
                self.buy(**all_in(c))
            elif down:
                self.position.close()
                if c['short']:
                    self.sell(**all_in(c))
            return
        size = quantity_of(c, self.series)
        if up and not self.position:
            if c.get('entry_limit_pct'):
                self.buy(size=size, limit=self.data.Close[-1] * (1 - c['entry_limit_pct'] / 100))
            else:
                self.buy(size=size)
        elif down and self.position:
            self.position.close()


def run_backtesting(case, series, path):
    frame = pd.read_csv(path, index_col=0, parse_dates=True)
    frame.columns = [name.lower() for name in frame.columns]
    frame = frame.rename(columns=dict(open='Open', high='High', low='Low', close='Close',
                                      volume='Volume'))[['Open', 'High', 'Low', 'Close', 'Volume']]
    commission = commission_of(case)
    if commission['model'] == 'percentage':
        fee = commission['pct'] / 100
    else:
        per_share = commission['per_share']

        def fee(size, price):
            return abs(size) * per_share

    strategy = type('Case', (BpCross,), dict(case=case, series=series))
    run = Backtest(frame, strategy, cash=SPEC['cash'], commission=fee)
    stats = run.run()
    dates = frame.index
    fills = []
    broker = stats._strategy._broker
    for trade in list(broker.closed_trades) + list(broker.trades):
        size = abs(trade.size)
        entry_side, exit_side = ('BUY', 'SELL') if trade.size > 0 else ('SELL', 'BUY')
        fills.append(dict(order=(trade.entry_bar, 1), date=dates[trade.entry_bar].strftime('%Y-%m-%d'),
                          side=entry_side, size=size, price=trade.entry_price,
                          commission=broker._commission(trade.size, trade.entry_price)))
        if trade.exit_bar is not None:
            fills.append(dict(order=(trade.exit_bar, 0), date=dates[trade.exit_bar].strftime('%Y-%m-%d'),
                              side=exit_side, size=size, price=trade.exit_price,
                              commission=broker._commission(trade.size, trade.exit_price)))
    # On one bar an exit fills before the entry it makes room for.
    fills.sort(key=lambda fill: fill.pop('order'))
    return dict(fills=fills, final_value=float(stats['Equity Final [$]']),
                position=broker.position.size)


def main(path, series):
    out = dict(
        data=os.path.relpath(path, os.path.join(HERE, '../..')),
        series=series,
        peers=dict(backtrader='backtrader ' + bt.__version__,
                   backtesting='backtesting.py ' + getattr(backtesting, '__version__', '0.6.x')),
        cash=SPEC['cash'],
        cases={},
    )
    for case in SPEC['cases']:
        out['cases'][case['name']] = dict(
            backtrader=run_backtrader(case, series, path),
            backtesting=run_backtesting(case, series, path),
        )
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
