import { beforeEach, describe, expect, it } from 'vitest';
import { useDialogs } from './dialogs';

describe('dialogs', () => {
  beforeEach(() => useDialogs.setState({ dialog: null }));

  it('a dialog that reports its close late does not shut the dialog opened after it', () => {
    // The command palette picks "Templates…": the palette is asked to close, Templates opens,
    // and only then does the palette's native close event arrive.
    useDialogs.getState().open('commands');
    useDialogs.getState().open('templates');
    useDialogs.getState().close('commands');
    expect(useDialogs.getState().dialog).toBe('templates');
  });

  it('closes the dialog that is open', () => {
    useDialogs.getState().open('templates');
    useDialogs.getState().close('templates');
    expect(useDialogs.getState().dialog).toBeNull();
  });
});
