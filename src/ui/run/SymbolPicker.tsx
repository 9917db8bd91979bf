/**
 * The price chart's header in a run of several symbols: the charted symbol as a button that opens
 * a symbol search, as TradingView's does (type to narrow, arrows and Enter, or a click). Another
 * symbol can be chosen while the run goes or after it; its candles, lines, marks and trades so far
 * replace the chart's at once. The command palette opens the same search (chart.symbol).
 */
import { useCallback, useEffect } from 'react';
import { SearchDialog } from '../dialogs/SearchDialog';
import { useDialogs } from '../store/dialogs';
import { useRun } from './runStore';

/** Symbols containing every typed word, those starting with the first word first. */
export function searchSymbols(symbols: readonly string[], query: string): string[] {
  const words = query.toUpperCase().split(/\s+/).filter(Boolean);
  const found = symbols.filter((symbol) => words.every((word) => symbol.includes(word)));
  const first = words[0];
  if (!first) return found;
  const starts = (symbol: string) => (symbol.startsWith(first) ? 0 : 1);
  return found.sort((a, b) => starts(a) - starts(b));
}

export function SymbolPicker() {
  const symbols = useRun((state) => state.symbols);
  const symbol = useRun((state) => state.symbol);
  const open = useDialogs((state) => state.dialog === 'symbol');
  const close = useCallback(() => useDialogs.getState().close('symbol'), []);
  const search = useCallback((query: string) => searchSymbols(symbols, query), [symbols]);
  const several = symbols.length > 1;
  // A search left open with nothing to show (the run went, the chart closed) would block the page.
  useEffect(() => {
    if (open && !several) close();
  }, [several, open, close]);
  useEffect(
    () => () => {
      if (useDialogs.getState().dialog === 'symbol') close();
    },
    [close],
  );
  if (!several) return null;
  return (
    <header className="chart-header">
      <button
        type="button"
        className="symbol-button"
        aria-haspopup="dialog"
        aria-label={`Symbol ${symbol ?? ''}: choose another of ${symbols.length}`}
        title="Chart another symbol of this run"
        onClick={() => useDialogs.getState().open('symbol')}
      >
        <span className="symbol-name">{symbol}</span>
        <span aria-hidden="true">▾</span>
      </button>
      <span className="chart-header-note">
        {symbols.indexOf(symbol ?? '') + 1} of {symbols.length} symbols in this run
      </span>
      <SearchDialog<string>
        title="Chart a symbol"
        open={open}
        onClose={close}
        inputLabel="Symbol to chart"
        placeholder="Type a symbol…"
        search={search}
        keyOf={(item) => item}
        onPick={(item) => {
          close();
          useRun.getState().chooseSymbol(item);
        }}
        empty={(query) => `No symbol of this run matches “${query}”.`}
        render={(item) => (
          <span className="symbol-row">
            <span className="symbol-name">{item}</span>
            {item === symbol && <span className="symbol-current">charted</span>}
          </span>
        )}
      />
    </header>
  );
}
