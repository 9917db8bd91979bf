/** What the flow reader worker answers to each message: host-free, so tests run it in Node. */
import { importFlowText, parseFlow } from '../flow';
import type { FromReader, ToReader } from './reader-protocol';

export function answer(message: ToReader): FromReader {
  return message.type === 'parse'
    ? { type: 'parsed', id: message.id, parsed: parseFlow(message.text) }
    : { type: 'imported', id: message.id, imported: importFlowText(message.text, message.source) };
}
