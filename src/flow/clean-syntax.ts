/**
 * ADMF-PC's clean syntax, both ways: importing a config as a flow (admf/import.ts) and writing a
 * flow back as one (admf/export.ts). The names here are the flow layer's public door to them.
 */
export {
  type AdmfImport as CleanImport,
  importAdmf as importCleanSyntax,
  isAdmfConfig as isCleanSyntax,
  isAdmfText,
} from './admf/import';
