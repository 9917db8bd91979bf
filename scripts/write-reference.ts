// Rewrites the generated component section of docs/yaml-reference.md from the catalogue.
import { readFileSync, writeFileSync } from 'node:fs';
import { componentReference, REFERENCE_END, REFERENCE_START } from '../src/flow/reference';

const path = 'docs/yaml-reference.md';
const text = readFileSync(path, 'utf8');
const start = text.indexOf(REFERENCE_START);
const end = text.indexOf(REFERENCE_END);
if (start < 0 || end < 0) throw new Error(`${path} lacks the component markers`);
writeFileSync(
  path,
  `${text.slice(0, start)}${componentReference()}${text.slice(end + REFERENCE_END.length)}`,
);
console.log(`Wrote the component reference into ${path}`);
