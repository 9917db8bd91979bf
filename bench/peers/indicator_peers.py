"""
Computes reference values for the indicators no npm package implements, with peers' own code, for
src/engine/components/indicators/calculators-more.test.ts:

- Supertrend(10, 3), Vortex(14) and Chaikin money flow(20) with pandas-ta (twopirllc/pandas-ta,
  MIT), its own functions on a pandas DataFrame;
- classic pivot points with ADMF-PC's own PivotPoints feature (dawsh2/ADMF-PC,
  src/strategy/features/indicators/structure.py), fed bar by bar.

Neither is a dependency of Flow Studio. To regenerate the fixture (Debian: apt-get install
python3-pandas python3-numpy; checkouts of both repositories):
    PANDAS_TA=<pandas-ta checkout> ADMF_PC=<ADMF-PC checkout> \
      python3 bench/peers/indicator_peers.py public/data/aapl_daily.csv \
      > src/engine/components/fixtures/indicator-peers-aapl.json
"""
import importlib.util
import json
import os
import sys
import types

import pandas as pd

# pandas-ta asks pkg_resources for its own installed version; a checkout is not installed.
import pkg_resources

pkg_resources.get_distribution = lambda name: types.SimpleNamespace(version="checkout", location="")
sys.path.insert(0, os.environ["PANDAS_TA"])
from pandas_ta.overlap.supertrend import supertrend  # noqa: E402
from pandas_ta.trend.vortex import vortex  # noqa: E402
from pandas_ta.volume.cmf import cmf  # noqa: E402


def admf_pivot_points():
    """ADMF-PC's PivotPoints class, loaded from its file with its one protocol import stubbed."""
    protocols = types.ModuleType("protocols")

    class FeatureState:
        def __init__(self, name):
            self.name, self.value, self.is_ready = name, None, False

        def set_value(self, value):
            self.value, self.is_ready = value, True

        def reset(self):
            self.value, self.is_ready = None, False

    protocols.Feature = object
    protocols.FeatureState = FeatureState
    for name in ("admf_features", "admf_features.indicators"):
        package = types.ModuleType(name)
        package.__path__ = []
        sys.modules[name] = package
    sys.modules["admf_features.protocols"] = protocols
    path = os.path.join(os.environ["ADMF_PC"], "src/strategy/features/indicators/structure.py")
    spec = importlib.util.spec_from_file_location("admf_features.indicators.structure", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PivotPoints()


def column(series):
    return [None if pd.isna(v) else float(v) for v in series]


def main(path):
    bars = pd.read_csv(path)
    bars.columns = [c.lower() for c in bars.columns]
    high, low, close, volume = bars["high"], bars["low"], bars["close"], bars["volume"].astype(float)
    st = supertrend(high, low, close, length=10, multiplier=3.0)
    vx = vortex(high, low, close, length=14)
    pivots = admf_pivot_points()
    pivot_rows = []
    for h, l, c in zip(high, low, close):
        value = pivots.update(float(c), high=float(h), low=float(l))
        pivot_rows.append(dict(value) if value else None)
    out = {
        "source": "pandas-ta " + os.popen(f"git -C {os.environ['PANDAS_TA']} rev-parse --short HEAD").read().strip()
        + ", ADMF-PC " + os.popen(f"git -C {os.environ['ADMF_PC']} rev-parse --short HEAD").read().strip(),
        "supertrend_10_3": {
            "value": column(st["SUPERT_10_3.0"]),
            "direction": column(st["SUPERTd_10_3.0"]),
        },
        "vortex_14": {"plus": column(vx["VTXP_14"]), "minus": column(vx["VTXM_14"])},
        "cmf_20": column(cmf(high, low, close, volume, length=20)),
        "pivot_points": pivot_rows,
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
