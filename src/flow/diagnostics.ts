/** A problem found in a flow, located in the YAML text (1-based lines and columns). */
export interface Diagnostic {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** Path in the YAML document, e.g. ['containers', 'sma_fast', 'params', 'period']. */
  readonly path: readonly (string | number)[];
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The container the problem belongs to, when there is one: the canvas badges it. */
  readonly container?: string;
}
