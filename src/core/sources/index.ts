/**
 * Hard-coded OpenAI keys in source and config files (rule `hardcoded-key`): detection, the move plan, and
 * the listing of a folder's files for the CLI. No `vscode` here.
 *
 * - Editor, per document:  scanSourceText(text, { path, languageId, git, severity })
 * - Quick fix:             planMove(text, finding) + planEnvEdit(envText, plan.variable, keyOf(text, finding)),
 *                          then envHoldsKey(readBack, …) before applying plan.edits
 * - CLI `lint`:            scanSourcePaths(paths, { git: createSafeGitRunner(), maxBytes }) + sourceFileReports(…)
 */
export { scanSourceText, MAX_FINDINGS_PER_FILE, HARDCODED_KEY_RULE } from './scan';
export type { SourceFinding, HardcodedKey, SourceScanOptions, SourceScanResult } from './scan';
export { planMove, applyMove, keyOf } from './move';
export type { MovePlan, MoveOptions } from './move';
export { planEnvEdit, envHoldsKey } from './envEdit';
export type { EnvEditPlan } from './envEdit';
export { dotenvPathFor } from './dotenvPath';
export { sourceLanguageOf } from './language';
export type { SourceLanguage } from './language';
export type { GitFacts } from './messages';
export type { CellLocation, NotebookLayout } from './notebook';
export { scanSourcePaths, scanSourceBytes, gitFactsOf, sourceFileReports } from './scanTree';
export type { SourceScanSettings, SourceTreeScan, ScannedSourceFile } from './scanTree';
export { listSourceFiles } from './listing';
export type { ListedFile, SourceListing } from './listing';
export { createSafeGitRunner } from '../git';
export type { GitRunner, GitOutput } from '../git';
export { textMayHoldKey, bytesMayHoldKey } from './keyTokens';
