import * as path from 'path';
import * as vscode from 'vscode';
import { maskKey } from '../../core/keys/mask';
import { fullTestPlan } from '../../core/probe/fullTestPlan';
import type { KeyTestReport, KeyTestRequest, ProxyInUse } from '../../core/probe/keyTest';
import { keyProblems, problemsOf } from '../../core/probe/keyProblems';
import { displayUrl } from '../../core/probe/serverFields';
import { CancelledError, isFailing } from '../../core/probe/types';
import { isInsecureRemote } from '../../core/probe/urls';
import { LINKS, LinkName } from '../../core/probe/verdict';
import { redact } from '../../core/redact';
import { formatReport } from '../../core/report/keyReport';
import type { Background } from '../shared/logErrors';
import { KeyTestSettings, Settings, readKeyTestSettings, vscodeHttpProxy } from '../shared/settings';
import { KeyCandidate, refusedAsNotOpenAi } from './keyCandidates';

export interface KeyTestEvent {
  candidate: KeyCandidate;
  report: KeyTestReport;
}

export interface KeyTestOptions {
  /** `false` is the test-on-save path: no prompts, a notification only when something is wrong. */
  interactive: boolean;
  /** The full test: one paid call per API, after a confirmation that says what it costs. Never automatic. */
  full?: boolean;
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
  const probes = require(path.join(__dirname, 'probes.js')) as typeof import('../probesEntry');
  probes.useTranslations(vscode.l10n.bundle);
  // The format check runs here, with the rules this bundle already holds: dist/probes.js carries only the probes.
  return probes.runKeyTest(request, problemsOf(request));
};

/** The proxy VS Code sends the test through, when one is configured for it. */
function proxyInUse(): ProxyInUse | undefined {
  const url = vscodeHttpProxy() || (process.env.HTTPS_PROXY ?? process.env.https_proxy);
  return url ? { url, from: 'vscode' } : undefined;
}

/**
 * Runs a key test the way a user expects: asks first in Restricted Mode, for a malformed key, for an unencrypted
 * base URL and before a full test (with its cost), shows cancellable progress, writes the masked report to the
 * log, and answers with a verdict, what the test could not see, and next-step buttons.
 */
export interface KeyTesterDeps {
  log: vscode.LogOutputChannel;
  background: Background;
  /** Fired after each test that ran (the extension passes the event bus's `keyTested`). */
  onDidTest?: vscode.EventEmitter<KeyTestEvent>;
  /** Runs the probes (default: dist/probes.js, loaded on the first test). */
  runProbes?: ProbeRunner;
}

export class KeyTester implements vscode.Disposable {
  private readonly emitter: vscode.EventEmitter<KeyTestEvent>;
  readonly onDidTest: vscode.Event<KeyTestEvent>;
  private readonly log: vscode.LogOutputChannel;
  private readonly runProbes: ProbeRunner;

  constructor(private readonly deps: KeyTesterDeps) {
    this.emitter = deps.onDidTest ?? new vscode.EventEmitter<KeyTestEvent>();
    this.onDidTest = this.emitter.event;
    this.log = deps.log;
    this.runProbes = deps.runProbes ?? loadAndRun;
  }

  async test(candidate: KeyCandidate, options: KeyTestOptions = { interactive: true }): Promise<KeyTestReport | undefined> {
    const settings = readKeyTestSettings(candidate.uri);
    if (refusedAsNotOpenAi(candidate, settings.baseUrl, options.interactive, this.deps.background)) {
      return undefined;
    }
    const secrets = [candidate.key];
    const masked = maskKey(candidate.key.trim());
    const full = options.full === true && options.interactive;
    if (!(await this.mayContact(settings, masked, options.interactive))) {
      return undefined;
    }
    const problems = keyProblems(candidate.key, { name: candidate.variable, origin: candidate.origin, destination: settings.baseUrl });
    let sendMalformed = false;
    if (problems.length > 0) {
      if (!options.interactive) {
        return undefined; // the diagnostics already say what is wrong
      }
      const anyway = vscode.l10n.t('Test anyway');
      const answer = await vscode.window.showWarningMessage(
        redact(vscode.l10n.t('This key is malformed: {0}', problems[0]), secrets),
        { modal: true, detail: vscode.l10n.t('The API will reject it. Fix it first, or send it anyway to see what the server says.') },
        anyway,
      );
      if (answer !== anyway) {
        return undefined;
      }
      sendMalformed = true;
    }
    if (full && !(await this.confirmFullTest(settings, masked))) {
      return undefined;
    }
    let report: KeyTestReport;
    try {
      report = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: full ? vscode.l10n.t('Full test of OpenAI key {0} (paid calls)…', masked) : vscode.l10n.t('Testing OpenAI key {0} (REST and Realtime)…', masked),
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
            full,
            inferenceModel: settings.fullTestModel,
            inferenceModelOption: vscode.l10n.t('setting {0}', Settings.fullTestModel.id),
            appBaseUrl: candidate.appBaseUrl,
            proxy: proxyInUse(),
          });
        },
      );
    } catch (error) {
      if (error instanceof CancelledError) {
        this.log.info(`Key test of ${masked} cancelled.`);
        return undefined;
      }
      const message = redact((error as Error).message, secrets);
      this.log.error(`Key test of ${masked} failed: ${message}`);
      this.deps.background('Showing a notification', vscode.window.showErrorMessage(vscode.l10n.t('The key test could not run: {0}', message)));
      return undefined;
    }
    const hint = vscode.l10n.t('Run "Test OpenAI key (full)" from the Command Palette, or click "Run the full test" on the verdict.');
    this.log.info(`Key test\n${redact(formatReport(report, { fullTestHint: hint, secrets, proxy: proxyInUse()?.url }), secrets)}`);
    this.emitter.fire({ candidate, report });
    this.deps.background('Announcing a verdict', this.announce(candidate, report, options.interactive));
    return report;
  }

  /** Restricted Mode and an unencrypted base URL each need an explicit yes; the test-on-save path never asks. */
  private async mayContact(settings: KeyTestSettings, masked: string, interactive: boolean): Promise<boolean> {
    const where = displayUrl(settings.baseUrl);
    if (!vscode.workspace.isTrusted) {
      if (!interactive) {
        return false;
      }
      const send = vscode.l10n.t('Send it');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('This workspace is in Restricted Mode. Send the key {0} to {1} to test it?', masked, where), { modal: true }, send);
      if (answer !== send) {
        return false;
      }
    }
    if (isInsecureRemote(settings.baseUrl)) {
      if (!interactive) {
        return false;
      }
      const send = vscode.l10n.t('Send unencrypted');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Send the key {0} unencrypted to {1}?', masked, where),
        { modal: true, detail: vscode.l10n.t('The API base URL uses http:// to another machine: anyone on the network path can read the key. Use https:// unless this network is yours.') },
        send,
      );
      if (answer !== send) {
        return false;
      }
    }
    return true;
  }

  private async confirmFullTest(settings: KeyTestSettings, masked: string): Promise<boolean> {
    const plan = fullTestPlan(settings.fullTestModel, settings.realtimeModel);
    const run = vscode.l10n.t('Run the full test');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('Run the full test of {0}? It makes paid calls with this key.', masked),
      { modal: true, detail: vscode.l10n.t('{0}. Billed to the key\'s account; the free test cannot see credit or model access.', plan.summary) },
      run,
    );
    return answer === run;
  }

  /** The keys whose verdict is on screen: a second verdict for the same key waits in the log, not in a new toast. */
  private readonly announcing = new Set<string>();

  private async announce(candidate: KeyCandidate, report: KeyTestReport, interactive: boolean): Promise<void> {
    if (this.announcing.has(candidate.key)) {
      return;
    }
    this.announcing.add(candidate.key);
    try {
      await this.announceOnce(candidate, report, interactive);
    } finally {
      this.announcing.delete(candidate.key);
    }
  }

  /** One sentence and buttons: the next steps (with their addresses) are in the log behind "Show details". */
  private async announceOnce(candidate: KeyCandidate, report: KeyTestReport, interactive: boolean): Promise<void> {
    const secrets = [candidate.key];
    const details = vscode.l10n.t('Show details');
    if (report.verdict.status === 'ok') {
      if (!interactive) {
        return;
      }
      const unverified = report.verdict.unverified ?? [];
      const runFull = vscode.l10n.t('Run the full test');
      const items = unverified.length > 0 ? [runFull, details] : [details];
      // A free test's summary says in words what it did not verify; the button runs the test that can.
      const answer = await vscode.window.showInformationMessage(redact(`${report.key.masked}: ${report.verdict.summary}`, secrets), ...items);
      if (answer === runFull) {
        this.announcing.delete(candidate.key); // answered: the full test's verdict is the next one on screen
        await this.test(candidate, { interactive: true, full: true });
      } else if (answer === details) {
        this.log.show(true);
      }
      return;
    }
    const buttons = report.verdict.links.slice(0, 2).map((link) => ({ title: LINK_LABELS[link](), link }));
    const items = [...buttons.map((b) => b.title), details];
    const text = `${report.key.masked}: ${report.verdict.summary}`;
    const show = isFailing(report.verdict.status) ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const answer = await show(redact(text, secrets), ...items);
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
