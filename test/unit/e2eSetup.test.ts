import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

/**
 * (Found by the red team; issue 8: "the two commands in the README work on a machine that has never seen the project"):
 * code-server's install builds native modules from source with node-gyp (VS Code's @vscode/spdlog,
 * @vscode/sqlite3, @vscode/native-watchdog, @vscode/deviceid, @vscode/fs-copyfile have a binding.gyp and no
 * prebuilt binary; kerberos falls back to node-gyp when its prebuild download fails). node-gyp needs a C++
 * compiler, make and python3. This machine has them (build-essential, python3 installed), so CI is green; a new
 * Debian machine does not necessarily: scripts/e2e-setup.sh installs only chromium and libkrb5-dev, checks for
 * nothing else, and the README's table of what the first run installs lists nothing else. code-server's own npm
 * install guide asks for `build-essential pkg-config python3`.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const SETUP = path.join(ROOT, 'scripts', 'e2e-setup.sh');

/** The Debian packages the setup installs, and the commands it checks for. */
function provided(): { packages: string[]; checked: string[] } {
  const script = fs.readFileSync(SETUP, 'utf8');
  const packages = (/^APT_PACKAGES=\(([^)]*)\)/m.exec(script)?.[1] ?? '').split(/\s+/).filter(Boolean);
  const checked = [...script.matchAll(/command -v (\S+)/g)].map((m) => m[1]);
  return { packages, checked };
}

describe('a new machine gets the toolchain code-server\'s native modules are built with', () => {
  it('scripts/e2e-setup.sh installs (or checks for) a C++ compiler, make, python3 and openssl', () => {
    const { packages, checked } = provided();
    const has = (tool: string, debianPackages: string[]) => checked.includes(tool) || packages.some((p) => debianPackages.includes(p));
    const missing = [
      ['g++', ['build-essential', 'g++']],
      ['make', ['build-essential', 'make']],
      ['python3', ['python3', 'python3-minimal']],
      ['openssl', ['openssl']],
    ]
      .filter(([tool, debianPackages]) => !has(tool as string, debianPackages as string[]))
      .map(([tool]) => tool);
    assert.deepStrictEqual(missing, [], `APT_PACKAGES=(${packages.join(' ')}); checked commands: ${checked.join(', ')}`);
  });
});
