/**
 * The component catalogue as the flow layer (and through it the UI) sees it. The descriptions
 * live in the engine, beside the factories that read them; this is the one door the UI uses.
 */
export {
  BREAKER_SETTINGS,
  BUS_SETTINGS,
  CATALOGUE,
  CONTAINER_KINDS,
  type ComponentSpec,
  type ContainerKind,
  componentsOfKind,
  defaultParams,
  EVENT_META_FIELDS,
  FAULT_SETTINGS,
  findComponent,
  findTransformer,
  isParamActive,
  MONITORING_SETTINGS,
  type ParamSpec,
  RETRY_SETTINGS,
  SAMPLE_SETS,
  TRANSFORMER_SPECS,
  type TransformerSpec,
  transformerMakes,
  transformerTakes,
} from '../engine/catalogue';
export { EVENT_TYPES, type EventType } from '../engine/events';
