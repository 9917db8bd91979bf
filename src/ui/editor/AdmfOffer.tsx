/**
 * When the YAML editor holds an ADMF-PC config (pasted, or typed), it is not a flow yet: this bar
 * says so and converts it in place with one click, listing what did not map. Undo brings the
 * config back.
 */
import { useMemo } from 'react';
import { importCleanSyntax, isAdmfText } from '../../flow';
import { useFlow } from '../store/instance';

export function AdmfOffer() {
  const text = useFlow((state) => state.text);
  const admf = useMemo(() => isAdmfText(text), [text]);
  if (!admf) return null;
  const convert = () => {
    const converted = importCleanSyntax(text);
    const store = useFlow.getState();
    if (!converted.ok) {
      store.notify({ kind: 'error', message: converted.error });
      return;
    }
    store.setText(converted.text);
    store.notify({
      kind: 'info',
      message: 'Converted the ADMF-PC config to a flow.',
      details: converted.warnings,
    });
  };
  return (
    <div className="admf-offer" role="status">
      <span>This is an ADMF-PC config, not a flow yet.</span>
      <button type="button" className="primary" onClick={convert}>
        Convert to a flow
      </button>
    </div>
  );
}
