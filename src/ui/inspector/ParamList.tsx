/**
 * A container's parameters as the catalogue describes them, the ones that apply to its current
 * settings only; each edit applies at once, merged in the undo history per parameter, and keeps the
 * references to an indicator whose name it changes (SMA_10 to SMA_12) intact. A parameter
 * that can be swept has a "Sweep" button that turns it into a range (or a list of choices); a swept
 * one shows its grid (GridField).
 */
import {
  type AvailableFeature,
  type ComponentSpec,
  type ExpressionScope,
  type FlowContainer,
  isParamActive,
  isSweepable,
  paramEdits,
} from '../../flow';
import { useFlow } from '../store/instance';
import { GridField, suggestedRange } from './GridField';
import { ParamField } from './ParamField';

export function ParamList({
  container,
  spec,
  features,
  scope,
}: {
  container: FlowContainer;
  spec: ComponentSpec;
  features: readonly AvailableFeature[];
  scope?: ExpressionScope | null;
}) {
  const edit = useFlow((state) => state.edit);
  const grid = useFlow((state) => state.model?.grid ?? null);
  const setValue = (key: string, value: unknown, group = `param:${container.name}.${key}`) => {
    const model = useFlow.getState().model;
    if (!model) return;
    for (const change of paramEdits(model, container.name, key, value)) edit(change, group);
  };
  return (
    <>
      {Object.entries(spec.params)
        .filter(([, param]) => isParamActive(param, container.params))
        .map(([key, param]) => {
          const axis = grid?.axes.find((a) => a.container === container.name && a.param === key);
          const fieldKey = `${container.name}.${container.component}.${key}`;
          if (axis)
            return (
              <GridField
                key={fieldKey}
                name={key}
                spec={param}
                axis={axis}
                features={features}
                onChange={(value) => setValue(key, value)}
              />
            );
          return (
            <div key={fieldKey} className="param-row">
              <ParamField
                name={key}
                spec={param}
                value={container.params[key]}
                features={features}
                scope={scope}
                onChange={(value) => setValue(key, value)}
              />
              {isSweepable(param) && (
                <button
                  type="button"
                  className="sweep-toggle"
                  title={`Sweep ${param.label}: run the flow once per value`}
                  onClick={() =>
                    setValue(key, suggestedRange(param, container.params[key]), `sweep:${key}`)
                  }
                >
                  Sweep
                </button>
              )}
            </div>
          );
        })}
    </>
  );
}
