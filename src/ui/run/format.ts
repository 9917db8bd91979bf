/** Simulated times as the run views show them: UTC ISO date and time, the seconds dropped when zero. */
export const formatTime = (ms: number) =>
  Number.isFinite(ms)
    ? new Date(ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/(:00)?\.000Z$/, '')
    : '—';
