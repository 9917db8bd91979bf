/**
 * The property issue 12 asks for: whatever the user does (edits, bad pastes, undo, reloads) and
 * whatever the storage does meanwhile (full, throwing on every access, a damaged index), a reload
 * always shows the last valid flow that was saved, with the last text that was saved beside it,
 * and every change that could not be saved was reported.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SharedStorage } from '../../../tests/support/browserStorage';
import { parseFlow } from '../../flow';
import { KEYS } from '../storage/records';
import { createFlowStore, type FlowStore } from './flowStore';

const example = readFileSync(
  resolve(import.meta.dirname, '../../../examples/pipeline.yaml'),
  'utf8',
);

type Action =
  | { readonly kind: 'edit'; readonly period: number }
  | { readonly kind: 'comment'; readonly words: string }
  | { readonly kind: 'paste'; readonly text: string }
  | { readonly kind: 'undo' }
  | { readonly kind: 'redo' }
  | { readonly kind: 'reload' }
  | { readonly kind: 'fault'; readonly fault: 'full' | 'broken' | 'none' }
  | { readonly kind: 'damageIndex' };

const badPastes = fc.oneof(
  fc.constantFrom(
    'name: [unclosed',
    '',
    '# only a comment',
    `name: ${'['.repeat(200)}`,
    'containers:\n  a: { component: nope }\n  a: { component: sma }\n',
    'just words',
  ),
  fc.string({ maxLength: 60 }),
);

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      period: fc.integer({ min: 2, max: 60 }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('comment' as const),
      words: fc.string({ maxLength: 20 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('paste' as const), text: badPastes }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'undo' as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'redo' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'reload' as const }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('fault' as const),
      fault: fc.constantFrom('full' as const, 'broken' as const, 'none' as const),
    }),
    weight: 2,
  },
  { arbitrary: fc.constant({ kind: 'damageIndex' as const }), weight: 1 },
);

/** What the storage holds for the flow, as far as the test knows from the saves that succeeded. */
interface Saved {
  valid: string;
  editor: string;
}

function open(shared: SharedStorage): FlowStore {
  return createFlowStore({ storage: shared.tab().storage, initialText: () => example });
}

describe('the last valid flow is never lost', () => {
  it('through random edits, bad pastes, reloads and storage faults', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 40 }), (actions) => {
        const shared = new SharedStorage();
        let store = open(shared);
        const saved: Saved = { valid: example, editor: example };
        // The user's last valid text, saved or not: a save writes it beside the editor's text.
        let lastValid = example;
        for (const step of actions) {
          const before = store.getState().text;
          switch (step.kind) {
            case 'edit':
              store.getState().edit({
                type: 'setParam',
                container: 'sma_slow',
                param: 'period',
                value: step.period,
              });
              break;
            case 'comment':
              store
                .getState()
                .setText(`${store.getState().text}\n# ${step.words.replace(/\n/g, ' ')}`);
              break;
            case 'paste':
              store.getState().setText(step.text);
              break;
            case 'undo':
              store.getState().undo();
              break;
            case 'redo':
              store.getState().redo();
              break;
            case 'fault':
              shared.full = step.fault === 'full';
              shared.broken = step.fault === 'broken';
              continue;
            case 'damageIndex':
              if (!shared.broken) shared.items.set(KEYS.index, '{"order": [tru');
              continue;
            case 'reload': {
              shared.full = false;
              shared.broken = false;
              store = open(shared);
              const state = store.getState();
              lastValid = saved.valid;
              expect(state.text).toBe(saved.editor);
              const validModel = parseFlow(saved.valid).model;
              expect(state.model).toEqual(validModel);
              expect(state.outOfSync).toBe(parseFlow(saved.editor).model === null);
              continue;
            }
          }
          const state = store.getState();
          if (state.text === before) continue;
          if (parseFlow(state.text).model) lastValid = state.text;
          if (shared.full || shared.broken) {
            // Not saved, and the user is told.
            expect(state.saveError).not.toBeNull();
          } else {
            expect(state.saveError).toBeNull();
            saved.editor = state.text;
            saved.valid = lastValid;
          }
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
