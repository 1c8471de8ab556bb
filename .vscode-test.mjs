import { defineConfig } from '@vscode/test-cli';

// Desktop VS Code integration tests (@vscode/test-electron). Pinned to the oldest VS Code we support.
// On Linux: xvfb-run -a npm run test:integration
export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.test.js',
  version: '1.90.0',
  workspaceFolder: './test/integration/fixture',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 30000 },
});
