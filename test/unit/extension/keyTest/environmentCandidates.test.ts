import * as assert from 'assert';
import { fakeKey } from '../../../support/keys';
import { failingBackground as background, installVscodeStub, stubState } from '../../../support/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { environmentCandidate, pickKey, workspaceKeyCandidates } = require('../../../../src/extension/keyTest/keyCandidates') as typeof import('../../../../src/extension/keyTest/keyCandidates');

const KEY = fakeKey('project', 71);
const OTHER = fakeKey('project', 72);

describe('the environment as a key candidate', () => {
  beforeEach(() => (stubState.shown = []));

  it('is read from the environment passed in, labelled environment, with its companions and origin', async () => {
    const candidates = await workspaceKeyCandidates({} as never, [], { OPENAI_API_KEY: KEY, OPENAI_PROJECT_ID: 'proj_abc', PATH: '/usr/bin' });
    assert.strictEqual(candidates.length, 1);
    assert.deepStrictEqual([candidates[0].key, candidates[0].source, candidates[0].origin, candidates[0].project], [KEY, 'environment (OPENAI_API_KEY)', 'environment', 'proj_abc']);
    assert.deepStrictEqual(await workspaceKeyCandidates({} as never, [], {}), [], 'nothing in the environment, nothing offered');
    assert.strictEqual(environmentCandidate({ OPENAI_API_KEY: '' }), undefined);
  });

  it('the pick shows a broken environment value masked with what is wrong around it, never the key', async () => {
    const broken = environmentCandidate({ OPENAI_API_KEY: `"${OTHER}"` })!;
    const fromFile = { key: KEY, source: '.env, line 1' };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const window = (require('vscode') as { window: Record<string, unknown> }).window;
    const saved = window.showQuickPick;
    let shown: Array<{ label: string; description: string; detail?: string }> = [];
    window.showQuickPick = async (items: typeof shown) => ((shown = items), undefined);
    try {
      await pickKey([fromFile, broken], background);
    } finally {
      window.showQuickPick = saved;
    }
    assert.deepStrictEqual(shown.map((i) => [i.label, i.description]), [
      [`sk-proj-…${KEY.slice(-4)}`, '.env, line 1'],
      [`"sk-proj-…${OTHER.slice(-4)}"`, 'environment (OPENAI_API_KEY)'],
    ]);
    assert.strictEqual(shown[1].detail, 'OPENAI_API_KEY in the environment kept the quotes of Windows set: set it without them.');
    assert.ok(!JSON.stringify(shown.map((i) => [i.label, i.description, i.detail])).includes(OTHER.slice(-12)));
  });
});
