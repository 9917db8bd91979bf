"""
The peers' side of bench/peers (npm run bench:peers): times backtrader (runonce, preloaded) and
backtesting.py (Backtest.run()) on one CSV of bars with the rules of Flow Studio's standard flow:
long only while the fast SMA is above the slow one (flat while below), 95% of the portfolio value
per entry in whole shares sized on the decision bar's close, market orders filled at the next
bar's open, 0.1% commission per fill. Loading the CSV is not timed; building and running the
backtest is. Prints one JSON object: for each peer found, its best time in ms over the repeats,
its trade count and final value, or the reason it was skipped.

Neither peer is a dependency of Flow Studio. Offline checkouts work through PYTHONPATH (see
bench/peers/agreement_cases.py and ../shared/notes/toolchain.md).

    python3 bench/peers/speed_peers.py bars.csv FAST SLOW REPEATS
"""
import json
import sys
import time
import types
import warnings


def backtrader_run(path, fast, slow, repeats):
    import backtrader as bt

    class SmaState(bt.Strategy):
        params = dict(fast=fast, slow=slow, equity_pct=0.95)

        def __init__(self):
            self.fast = bt.indicators.SMA(self.data.close, period=self.p.fast)
            self.slow = bt.indicators.SMA(self.data.close, period=self.p.slow)
            self.closed = 0

        def next(self):
            if self.fast[0] > self.slow[0] and not self.position:
                size = int(self.broker.getvalue() * self.p.equity_pct / self.data.close[0])
                self.buy(size=size)
            elif self.fast[0] < self.slow[0] and self.position:
                self.close()

        def notify_trade(self, trade):
            if trade.isclosed:
                self.closed += 1

    best = None
    outcome = None
    for _ in range(repeats):
        data = bt.feeds.GenericCSVData(
            dataname=path,
            dtformat='%Y-%m-%d %H:%M:%S',
            datetime=0, open=1, high=2, low=3, close=4, volume=5, openinterest=-1,
            timeframe=bt.TimeFrame.Minutes,
        )
        started = time.perf_counter()
        cerebro = bt.Cerebro(stdstats=False, runonce=True, preload=True)
        cerebro.adddata(data)
        cerebro.addstrategy(SmaState)
        cerebro.broker.setcash(100_000)
        cerebro.broker.setcommission(commission=0.001)
        strategy = cerebro.run()[0]
        ms = (time.perf_counter() - started) * 1000
        if best is None or ms < best:
            best = ms
        outcome = dict(trades=strategy.closed, final_value=cerebro.broker.getvalue())
    return dict(ms=best, version=bt.__version__, **outcome)


def backtesting_run(path, fast, slow, repeats):
    try:
        import bokeh  # noqa: F401
    except ImportError:
        # backtesting.py imports bokeh only to plot; nothing here plots.
        stub = types.ModuleType('backtesting._plotting')
        stub.plot = stub.plot_heatmaps = stub.set_bokeh_output = lambda *a, **k: None
        sys.modules['backtesting._plotting'] = stub
    import pandas as pd
    import backtesting
    from backtesting import Backtest, Strategy

    frame = pd.read_csv(path)
    frame.index = pd.to_datetime(frame['datetime'])
    frame = frame.rename(
        columns=dict(open='Open', high='High', low='Low', close='Close', volume='Volume')
    )[['Open', 'High', 'Low', 'Close', 'Volume']]

    def sma(values, period):
        return pd.Series(values).rolling(period).mean().to_numpy()

    class SmaState(Strategy):
        def init(self):
            self.fast = self.I(sma, self.data.Close, fast)
            self.slow = self.I(sma, self.data.Close, slow)

        def next(self):
            if self.fast[-1] > self.slow[-1] and not self.position:
                size = int(self.equity * 0.95 / self.data.Close[-1])
                if size > 0:
                    self.buy(size=size)
            elif self.fast[-1] < self.slow[-1] and self.position:
                self.position.close()

    best = None
    outcome = None
    for _ in range(repeats):
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            stats = Backtest(frame, SmaState, cash=100_000, commission=0.001).run()
        ms = (time.perf_counter() - started) * 1000
        if best is None or ms < best:
            best = ms
        outcome = dict(trades=int(stats['# Trades']), final_value=float(stats['Equity Final [$]']))
    version = getattr(backtesting, '__version__', '?.?.?')
    return dict(ms=best, version='(a checkout)' if '?' in version else version, **outcome)


def main(path, fast, slow, repeats):
    out = {}
    for name, run in (('backtrader', backtrader_run), ('backtesting.py', backtesting_run)):
        try:
            out[name] = run(path, fast, slow, repeats)
        except ImportError as error:
            out[name] = dict(skipped=f'not installed ({error})')
    print(json.dumps(out))


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
