// Makes sure the end-to-end tests have a Chromium: Playwright's own, else a system one, else it
// installs one (Playwright's installer, then Debian's package when root on Debian), else it stops
// and says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

function run(command, args) {
  console.log(`ensure-chromium: ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit' }).status === 0;
}

function report(found) {
  console.log(
    `ensure-chromium: using ${found.origin} Chromium${found.path ? ` at ${found.path}` : ''}`,
  );
}

let found = findChromium();
if (!found && process.env.CHROMIUM_PATH) {
  console.error(`ensure-chromium: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
  process.exit(1);
}
if (!found) {
  run('npx', ['playwright', 'install', 'chromium']);
  found = findChromium();
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!found && isRoot && existsSync('/etc/debian_version')) {
  if (run('apt-get', ['update', '-qq'])) {
    // Recommends pull in about 130 packages (printing, avahi) a headless test never uses.
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  }
  found = findChromium();
}
if (!found) {
  console.error(
    [
      'ensure-chromium: no Chromium found for the end-to-end tests.',
      'Install one of:',
      '  npx playwright install chromium      (Playwright’s own build)',
      '  sudo apt-get install chromium        (Debian/Ubuntu)',
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    ].join('\n'),
  );
  process.exit(1);
}
report(found);
