/**
 * Completion and hover for rule expressions inside the YAML editor: when the caret is in a rule
 * strategy's condition or an expression indicator's formula, Monaco offers the names that
 * container can read (bar fields, indicators upstream and their outputs, its position and regime,
 * the functions) and explains the one under the mouse. The vocabulary is the inspector's.
 */
import type * as Monaco from 'monaco-editor/editor';
import {
  expressionParamAt,
  parseFlow,
  scopeInFlow,
  type VocabularyEntry,
  vocabulary,
} from '../../flow';

const TOKEN_BEFORE = /[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]*)?$/;

function wordsAt(text: string, offset: number): VocabularyEntry[] | null {
  const at = expressionParamAt(text, offset);
  if (!at) return null;
  const model = parseFlow(text).model;
  const scope = model ? scopeInFlow(model, at.container) : null;
  return scope ? vocabulary(scope) : null;
}

const KINDS = (monaco: typeof Monaco) =>
  ({
    field: monaco.languages.CompletionItemKind.Field,
    indicator: monaco.languages.CompletionItemKind.Variable,
    output: monaco.languages.CompletionItemKind.Property,
    state: monaco.languages.CompletionItemKind.Constant,
    function: monaco.languages.CompletionItemKind.Function,
  }) as const;

export function registerExpressionSupport(monaco: typeof Monaco): void {
  monaco.languages.registerCompletionItemProvider('yaml', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const words = wordsAt(model.getValue(), model.getOffsetAt(position));
      if (!words) return { suggestions: [] };
      const before = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const token = TOKEN_BEFORE.exec(before)?.[0] ?? '';
      const range = new monaco.Range(
        position.lineNumber,
        position.column - token.length,
        position.lineNumber,
        position.column,
      );
      const kinds = KINDS(monaco);
      return {
        suggestions: words.map((entry) => ({
          label: entry.name,
          kind: kinds[entry.kind],
          detail: entry.detail,
          documentation: entry.doc,
          insertText: entry.kind === 'function' ? `${entry.name}($0)` : entry.name,
          insertTextRules:
            entry.kind === 'function'
              ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet
              : undefined,
          range,
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider('yaml', {
    provideHover(model, position) {
      const words = wordsAt(model.getValue(), model.getOffsetAt(position));
      if (!words) return null;
      const line = model.getLineContent(position.lineNumber);
      for (const match of line.matchAll(/[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?/g)) {
        const from = match.index + 1;
        const to = from + match[0].length;
        if (position.column < from || position.column > to) continue;
        const entry =
          words.find((w) => w.name === match[0]) ??
          words.find((w) => w.name === match[0].split('.')[0]);
        if (!entry) return null;
        return {
          range: new monaco.Range(position.lineNumber, from, position.lineNumber, to),
          contents: [{ value: `**${entry.name}** — ${entry.detail}` }, { value: entry.doc }],
        };
      }
      return null;
    },
  });
}
