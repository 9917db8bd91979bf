// The YAML language worker for Monaco (validation, completion, hover), bundled by Vite.
import 'monaco-yaml/yaml.worker.js';
