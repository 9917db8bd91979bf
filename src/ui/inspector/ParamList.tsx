/**
 * A container's parameters as the catalogue describes them, the ones that apply to its current
 * settings only; each edit applies at once, merged in the undo history per parameter.
 */
import {
  type AvailableFeature,
  type ComponentSpec,
  type FlowContainer,
  isParamActive,
} from '../../flow';
import { useFlow } from '../store/instance';
import { ParamField } from './ParamField';

export function ParamList({
  container,
  spec,
  features,
}: {
  container: FlowContainer;
  spec: ComponentSpec;
  features: readonly AvailableFeature[];
}) {
  const edit = useFlow((state) => state.edit);
  return (
    <>
      {Object.entries(spec.params)
        .filter(([, param]) => isParamActive(param, container.params))
        .map(([key, param]) => (
          <ParamField
            key={`${container.name}.${container.component}.${key}`}
            name={key}
            spec={param}
            value={container.params[key]}
            features={features}
            onChange={(value) =>
              edit(
                { type: 'setParam', container: container.name, param: key, value },
                `param:${container.name}.${key}`,
              )
            }
          />
        ))}
    </>
  );
}
