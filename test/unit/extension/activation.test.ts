import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { measureActivation } from '../../../bench/activation';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const BUNDLE = path.join(ROOT, 'dist', 'extension.js');

/**
 * The packaged bundle activates on the stub vscode without throwing, and disposes cleanly: a feature that uses an
 * API the stub (and so the bench) lacks is caught here, not when `npm run bench` runs.
 */
describe('activate() of dist/extension.js on the stub vscode', () => {
  it('activates and disposes, repeatedly, without throwing', async () => {
    assert.ok(fs.existsSync(BUNDLE), 'dist/extension.js is missing: run npm run build (or npm run package) first');
    const timing = await measureActivation(BUNDLE, 3);
    assert.strictEqual(timing.runs, 3);
  });
});
