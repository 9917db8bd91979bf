/**
 * The component catalogue as the flow layer (and through it the UI) sees it. The descriptions
 * live in the engine, beside the factories that read them; this is the one door the UI uses.
 */
export {
  CATALOGUE,
  CONTAINER_KINDS,
  type ComponentSpec,
  type ContainerKind,
  componentsOfKind,
  defaultParams,
  EVENT_META_FIELDS,
  findComponent,
  findTransformer,
  isParamActive,
  type ParamSpec,
  SAMPLE_SETS,
  TRANSFORMER_SPECS,
  type TransformerSpec,
  transformerMakes,
  transformerTakes,
} from '../engine/catalogue';
