/**
 * Messages between the page and the flow reader worker, which reads flows too large to read on the
 * page without a pause (src/ui/store/reader.ts decides which). Plain data, structured clone.
 */
import type { Imported, ParsedFlow } from '../flow';

export type ToReader =
  | { readonly type: 'parse'; readonly id: number; readonly text: string }
  | {
      readonly type: 'import';
      readonly id: number;
      readonly text: string;
      readonly source: string;
    };

export type FromReader =
  | { readonly type: 'parsed'; readonly id: number; readonly parsed: ParsedFlow }
  | { readonly type: 'imported'; readonly id: number; readonly imported: Imported };
