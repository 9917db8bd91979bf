// The runner's entry point when bundled into dist-cli/flow-studio.mjs.
import { EXIT, internalError, main } from './main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(internalError(error));
    process.exitCode = EXIT.internal;
  },
);
