import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue';
import { componentReference } from './reference';

describe('docs/yaml-reference.md', () => {
  const doc = readFileSync(resolve(import.meta.dirname, '../../docs/yaml-reference.md'), 'utf8');

  it('carries the component reference exactly as the catalogue writes it (npm run docs:reference)', () => {
    expect(doc).toContain(componentReference());
  });

  it('documents every component and every parameter', () => {
    for (const spec of CATALOGUE) {
      expect(doc).toContain(`\`${spec.id}\``);
      for (const param of Object.keys(spec.params)) expect(doc).toContain(`| \`${param}\` |`);
    }
  });
});
