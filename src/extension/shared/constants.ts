/** Every identifier the extension shares with package.json (settings are in settings.ts). */
export const EXTENSION_NAME = 'OpenAI Key Doctor';
export const DIAGNOSTIC_SOURCE = 'OpenAI Key Doctor';

/** Our commands (package.json `contributes.commands`); their handlers are in ../commands.ts. */
export const Commands = {
  fixAll: 'openaiKeyDoctor.fixAll',
  saveAsUtf8: 'openaiKeyDoctor.saveAsUtf8',
  addToGitignore: 'openaiKeyDoctor.addToGitignore',
  rescanWorkspace: 'openaiKeyDoctor.rescanWorkspace',
  testKey: 'openaiKeyDoctor.testKey',
  testKeyFull: 'openaiKeyDoctor.testKeyFull',
  showLog: 'openaiKeyDoctor.showLog',
  storeKey: 'openaiKeyDoctor.storeKey',
  removeKey: 'openaiKeyDoctor.removeKey',
  testStoredKey: 'openaiKeyDoctor.testStoredKey',
  moveKeyToSecretStorage: 'openaiKeyDoctor.moveKeyToSecretStorage',
  testActiveKey: 'openaiKeyDoctor.testActiveKey',
  whichKey: 'openaiKeyDoctor.whichKey',
  moveHardcodedKeyToEnv: 'openaiKeyDoctor.moveHardcodedKeyToEnv',
  moveHardcodedKeyToSecretStorage: 'openaiKeyDoctor.moveHardcodedKeyToSecretStorage',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** VS Code's own commands that we run or link to. */
export const BuiltInCommands = {
  showProblems: 'workbench.actions.view.problems',
  openSettings: 'workbench.action.openSettings',
  open: 'vscode.open',
  setContext: 'setContext',
} as const;

export const FIX_ALL_KIND_SUFFIX = 'openaiKeyDoctor';

/** Glob for .env files and their templates (filtered with isEnvFileName: not `.envrc`, `.env-cmdrc`). */
export { ENV_FILE_GLOB } from '../../core/envFileNames';
export const EXCLUDED_FOLDERS_GLOB = '**/{node_modules,.git,dist,out,build,.next,.nuxt,.svelte-kit,coverage,.venv,venv}/**';

export const LINT_DEBOUNCE_MS = 150;

/** Context keys of `when` clauses and walkthrough completion events. */
export const ContextKeys = {
  restOk: 'openaiKeyDoctor.restOk',
  realtimeOk: 'openaiKeyDoctor.realtimeOk',
  hasStoredKey: 'openaiKeyDoctor.hasStoredKey',
  /** The active .env is saved as UTF-16 or with a BOM: "Re-save as UTF-8" applies to it. */
  activeFileNotUtf8: 'openaiKeyDoctor.activeFileNotUtf8',
  /** A .env file of the workspace is ignored by git and not tracked. */
  envIgnored: 'openaiKeyDoctor.envIgnored',
} as const;

export const STATE_KEYS = {
  results: 'openaiKeyDoctor.testResults',
  salt: 'openaiKeyDoctor.fingerprintSalt',
} as const;

/** The ids of our status bar item and language status item. */
export const ItemIds = {
  keyHealth: 'openaiKeyDoctor.keyHealth',
  findings: 'openaiKeyDoctor.findings',
} as const;
