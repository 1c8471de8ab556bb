import * as path from 'path';
import * as vscode from 'vscode';
import { maskKey, redactSecrets } from '../core/keys/mask';
import type { KeyTestReport, KeyTestRequest } from '../core/probe/keyTest';
import { keyProblems } from '../core/probe/keyProblems';
import { CancelledError } from '../core/probe/types';
import { LINKS, LinkName } from '../core/probe/verdict';
import { formatReport } from '../core/report/keyReport';
import { KeyCandidate, refusedAsNotOpenAi } from './keyCandidates';
import { readKeyTestSettings } from './keyTestSettings';

export interface KeyTestEvent {
  candidate: KeyCandidate;
  report: KeyTestReport;
}

const LINK_LABELS: Record<LinkName, () => string> = {
  apiKeys: () => vscode.l10n.t('Open API keys'),
  billing: () => vscode.l10n.t('Open billing'),
  limits: () => vscode.l10n.t('Open limits'),
  organization: () => vscode.l10n.t('Open organization settings'),
  status: () => vscode.l10n.t('Open status page'),
  countries: () => vscode.l10n.t('Supported countries'),
  realtimeModels: () => vscode.l10n.t('Realtime models'),
};

export type ProbeRunner = (request: KeyTestRequest) => Promise<KeyTestReport>;

/**
 * The probes and the openai SDK behind them live in dist/probes.js, loaded on the first test: start-up never
 * pays for them.
 */
const loadAndRun: ProbeRunner = async (request) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const probes = require(path.join(__dirname, 'probes.js')) as typeof import('./probes');
  probes.useTranslations(vscode.l10n.bundle);
  return probes.testKey(request);
};

/**
 * Runs a key test the way a user expects: asks first in Restricted Mode or for a malformed key, shows
 * cancellable progress, writes the masked report to the log, and answers with a verdict and next-step buttons.
 */
export class KeyTester implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<KeyTestEvent>();
  readonly onDidTest = this.emitter.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly runProbes: ProbeRunner = loadAndRun,
  ) {}

  /** `interactive: false` is the test-on-save path: no prompts, a notification only when something is wrong. */
  async test(candidate: KeyCandidate, options: { interactive: boolean } = { interactive: true }): Promise<KeyTestReport | undefined> {
    const settings = readKeyTestSettings(candidate.uri);
    if (refusedAsNotOpenAi(candidate, settings.baseUrl, options.interactive)) {
      return undefined;
    }
    const masked = maskKey(candidate.key.trim());
    if (!vscode.workspace.isTrusted) {
      if (!options.interactive) {
        return undefined;
      }
      const send = vscode.l10n.t('Send it');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('This workspace is in Restricted Mode. Send the key {0} to {1} to test it?', masked, settings.baseUrl),
        { modal: true },
        send,
      );
      if (answer !== send) {
        return undefined;
      }
    }
    const problems = keyProblems(candidate.key, { name: candidate.variable, origin: candidate.origin, destination: settings.baseUrl });
    let sendMalformed = false;
    if (problems.length > 0) {
      if (!options.interactive) {
        return undefined; // the diagnostics already say what is wrong
      }
      const anyway = vscode.l10n.t('Test anyway');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('This key is malformed: {0}', problems[0]), { modal: true, detail: vscode.l10n.t('The API will reject it. Fix it first, or send it anyway to see what the server says.') }, anyway);
      if (answer !== anyway) {
        return undefined;
      }
      sendMalformed = true;
    }
    let report: KeyTestReport;
    try {
      report = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Testing OpenAI key {0} (REST and Realtime)…', masked),
          cancellable: true,
        },
        (_progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return this.runProbes({
            key: candidate.key,
            source: candidate.source,
            baseUrl: settings.baseUrl,
            organization: candidate.organization,
            project: candidate.project,
            realtimeModel: settings.realtimeModel,
            timeoutMs: settings.timeoutMs,
            sendMalformed,
            signal: controller.signal,
          });
        },
      );
    } catch (error) {
      if (error instanceof CancelledError) {
        this.log.info(`Key test of ${masked} cancelled.`);
        return undefined;
      }
      const message = redactSecrets((error as Error).message, [candidate.key]);
      this.log.error(`Key test of ${masked} failed: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The key test could not run: {0}', message));
      return undefined;
    }
    this.log.info(`Key test\n${redactSecrets(formatReport(report), [candidate.key])}`);
    this.emitter.fire({ candidate, report });
    void this.announce(report, options.interactive);
    return report;
  }

  private async announce(report: KeyTestReport, interactive: boolean): Promise<void> {
    const details = vscode.l10n.t('Show details');
    if (report.verdict.status === 'ok') {
      if (!interactive) {
        return;
      }
      const answer = await vscode.window.showInformationMessage(`${report.key.masked}: ${report.verdict.summary}`, details);
      if (answer === details) {
        this.log.show(true);
      }
      return;
    }
    const buttons = report.verdict.links.slice(0, 2).map((link) => ({ title: LINK_LABELS[link](), link }));
    const items = [...buttons.map((b) => b.title), details];
    const text = `${report.key.masked}: ${report.verdict.summary}${report.verdict.nextSteps[0] ? ` ${report.verdict.nextSteps[0]}` : ''}`;
    const severe = ['invalid_key', 'admin_key', 'malformed', 'no_quota', 'billing_inactive', 'access_denied', 'model_unavailable', 'org_mismatch', 'restricted_key', 'region_unsupported', 'ip_not_allowed'];
    const show = severe.includes(report.verdict.status) ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const answer = await show(text, ...items);
    const chosen = buttons.find((b) => b.title === answer);
    if (chosen) {
      await vscode.env.openExternal(vscode.Uri.parse(LINKS[chosen.link]));
    } else if (answer === details) {
      this.log.show(true);
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
