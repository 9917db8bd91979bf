/** The run views below the designer. (Filled in by the simulator.) */
export function RunPanel() {
  return <section className="run-panel" aria-label="Run" />;
}
