/** Edge pulses: at most one per connection per interval, the interval longer in a fast run. */
import { beforeEach, describe, expect, it } from 'vitest';
import { FAST_PULSE_EVERY_MS, PULSE_EVERY_MS, useStatus } from './statusStore';

const link = 'data->sma';

describe('edge pulses', () => {
  beforeEach(() => useStatus.getState().clear());

  it('pulse again after PULSE_EVERY_MS by default', () => {
    const { update } = useStatus.getState();
    update({}, [link], 1_000);
    update({}, [link], 1_000 + PULSE_EVERY_MS - 1);
    expect(useStatus.getState().activity[link]).toBe(1_000);
    update({}, [link], 1_000 + PULSE_EVERY_MS);
    expect(useStatus.getState().activity[link]).toBe(1_000 + PULSE_EVERY_MS);
  });

  it('wait FAST_PULSE_EVERY_MS when asked (a run as fast as possible)', () => {
    const { update } = useStatus.getState();
    update({}, [link], 1_000, FAST_PULSE_EVERY_MS);
    update({}, [link], 1_000 + PULSE_EVERY_MS, FAST_PULSE_EVERY_MS);
    expect(useStatus.getState().activity[link]).toBe(1_000);
    update({}, [link], 1_000 + FAST_PULSE_EVERY_MS, FAST_PULSE_EVERY_MS);
    expect(useStatus.getState().activity[link]).toBe(1_000 + FAST_PULSE_EVERY_MS);
  });
});
