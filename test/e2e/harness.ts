/**
 * Drives the packaged extension inside a real VS Code (code-server) with Chromium, as a user would.
 * Owns every process and temp folder it creates and removes them even when a scenario fails.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Browser, Page, chromium } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const RESULTS = path.join(ROOT, 'test-results', 'e2e');
const VSIX = path.join(ROOT, 'openai-key-doctor.vsix');

export interface Tools {
  node24Bin: string;
  codeServer: string;
  chromium: string;
}

/** Paths printed by scripts/e2e-setup.sh (run by `npm run test:e2e` before the suite). */
export function readTools(): Tools {
  const out = execFileSync('bash', [path.join(ROOT, 'scripts', 'e2e-setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const values = Object.fromEntries(out.trim().split('\n').map((l) => l.split('=', 2) as [string, string]));
  return { node24Bin: values.OKD_NODE24_BIN, codeServer: values.OKD_CODE_SERVER, chromium: values.OKD_CHROMIUM };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) {
        return value;
      }
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

export interface SessionOptions {
  /** USER settings (never workspace settings): where the API base URL of the mock goes. */
  userSettings?: Record<string, unknown>;
  /** More .vsix files for this profile only, installed after ours (the integration suite's runner). */
  extraExtensions?: string[];
  /** Added to code-server's environment, which its extension host inherits. */
  env?: Record<string, string>;
}

/** One code-server with the .vsix installed into a fresh profile, and one Chromium page on it. */
export class CodeServerSession {
  readonly temp = fs.mkdtempSync(path.join(os.tmpdir(), 'okd-e2e-'));
  readonly userDataDir = path.join(this.temp, 'user-data');
  readonly extensionsDir = path.join(this.temp, 'extensions');
  private server?: ChildProcess;
  private browser?: Browser;
  page!: Page;
  port = 0;
  readonly serverLog = path.join(this.temp, 'code-server.log');

  constructor(
    private readonly tools: Tools,
    private readonly options: SessionOptions = {},
  ) {}

  /** The runner's own OPENAI_API_KEY never leaks in; a session that wants one (a stale export) passes it in `env`. */
  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${this.tools.node24Bin}:${process.env.PATH}` };
    delete env.OPENAI_API_KEY;
    delete env.NODE_OPTIONS;
    return { ...env, ...this.options.env };
  }

  async start(): Promise<void> {
    await this.startServer();
    await this.startBrowser();
  }

  /** code-server alone, with the .vsix installed (npm run try stops here and prints the URL). */
  async startServer(port?: number): Promise<void> {
    fs.mkdirSync(path.join(this.userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(
      path.join(this.userDataDir, 'User', 'settings.json'),
      JSON.stringify(
        {
          'security.workspace.trust.enabled': false,
          'workbench.startupEditor': 'none',
          'workbench.tips.enabled': false,
          'workbench.secondarySideBar.defaultVisibility': 'hidden',
          'chat.disableAIFeatures': true,
          'telemetry.telemetryLevel': 'off',
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
          'update.mode': 'none',
          'editor.lightbulb.enabled': 'on',
          'files.autoSave': 'off',
          ...this.options.userSettings,
        },
        null,
        2,
      ),
    );
    const installs = [VSIX, ...(this.options.extraExtensions ?? [])].flatMap((vsix) => ['--install-extension', vsix]);
    execFileSync(this.tools.codeServer, ['--extensions-dir', this.extensionsDir, '--user-data-dir', this.userDataDir, ...installs], {
      env: this.env(),
      stdio: 'pipe',
    });
    this.port = port ?? (await freePort());
    const log = fs.openSync(this.serverLog, 'a');
    this.server = spawn(
      this.tools.codeServer,
      ['--auth', 'none', '--bind-addr', `127.0.0.1:${this.port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir],
      { env: this.env(), stdio: ['ignore', log, log], detached: true },
    );
    await waitFor('code-server to listen', async () => {
      const response = await fetch(`http://127.0.0.1:${this.port}/healthz`).catch(() => undefined);
      return response?.ok;
    }, 60000);
  }

  async startBrowser(): Promise<void> {
    this.browser = await chromium.launch({
      executablePath: this.tools.chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const context = await this.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${this.port}` });
    this.page = await context.newPage();
  }

  /** Opens a folder or a .code-workspace file and waits until the workbench and our extension are up. */
  async open(target: string): Promise<void> {
    const query = target.endsWith('.code-workspace') ? `workspace=${encodeURIComponent(target)}` : `folder=${encodeURIComponent(target)}`;
    for (let attempt = 1; ; attempt++) {
      await this.page.goto(`http://127.0.0.1:${this.port}/?${query}`);
      await this.page.waitForSelector('.monaco-workbench', { timeout: 60000 });
      await this.page.waitForSelector('.statusbar', { timeout: 60000 });
      // code-server now and then restores a multi-root workspace with no folders; a reload fixes it.
      const loaded = await waitFor('the workspace folders in the Explorer', async () => (await this.page.locator('.explorer-folders-view .monaco-list-row').count()) > 0, 15000).catch(() => false);
      if (loaded || attempt === 3) {
        return;
      }
      console.log(`    (the workbench opened ${path.basename(target)} without its folders; reloading, attempt ${attempt + 1})`);
    }
  }

  async screenshot(name: string, folder = RESULTS): Promise<string> {
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Copies the extension host and server logs next to the screenshots: for failures. */
  saveLogs(name: string, folder = RESULTS): void {
    fs.mkdirSync(folder, { recursive: true });
    const logsRoot = path.join(this.userDataDir, 'logs');
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          walk(p);
        } else if (/exthost|remoteexthost|OpenAI Key Doctor/i.test(p)) {
          found.push(p);
        }
      }
    };
    walk(logsRoot);
    const parts = found.map((f) => `===== ${path.relative(logsRoot, f)}\n${fs.readFileSync(f, 'utf8')}`);
    parts.push(`===== code-server.log\n${fs.existsSync(this.serverLog) ? fs.readFileSync(this.serverLog, 'utf8') : ''}`);
    fs.writeFileSync(path.join(folder, `${name}.exthost.log`), parts.join('\n'));
  }

  async stop(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    if (this.server?.pid) {
      try {
        process.kill(-this.server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 300));
      try {
        process.kill(-this.server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    fs.rmSync(this.temp, { recursive: true, force: true });
  }

  // ---- what a user does --------------------------------------------------------------------------

  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
    await this.page.keyboard.press('Enter');
  }

  /** Quick open (Ctrl+P) a file by its workspace-relative path. */
  async openFile(relativePath: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    const base = path.basename(relativePath);
    // The list first shows recently opened files: wait until the filtered top row is this file.
    await waitFor(`quick open to offer ${relativePath}`, async () => {
      const label = await this.page.locator('.quick-input-list .monaco-list-row').first().getAttribute('aria-label');
      const folder = path.dirname(relativePath);
      const named = label !== null && (label === base || label.startsWith(`${base},`) || label.startsWith(`${base} `));
      return named && (folder === '.' || label.includes(folder));
    }, 10000);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: base }).waitFor({ timeout: 15000 });
    await this.page.locator('.monaco-editor .view-lines').first().waitFor();
  }

  async goToLine(line: number, column: number): Promise<void> {
    await this.page.locator('.monaco-editor textarea').first().focus();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Opens the light bulb menu (Ctrl+.) at the cursor and clicks a fix. Retried: the menu can close as it opens
   * when the editor re-renders (a CodeLens appearing above the line).
   */
  async applyQuickFix(title: string): Promise<void> {
    const fix = this.page.locator('.action-widget .monaco-list-row', { hasText: title });
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      const shown = await fix.waitFor({ timeout: 5000 }).then(() => true, () => false);
      if (shown) {
        break;
      }
      if (attempt === 4) {
        throw new Error(`The quick fix "${title}" was not offered at the cursor`);
      }
      await this.page.keyboard.press('Escape');
    }
    await this.screenshot(`quick-fix-${title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    await fix.click();
  }

  async showProblems(): Promise<void> {
    if (!(await this.page.locator('.markers-panel').isVisible().catch(() => false))) {
      await this.page.keyboard.press('Control+Shift+M');
    }
    await this.page.locator('.markers-panel').waitFor({ state: 'visible' });
  }

  /** The aria labels of the Problems panel rows: "Error: <message> at line L and character C. generated by …". */
  async problems(): Promise<string[]> {
    await this.showProblems();
    return this.page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  }

  /** The visible text of the Problems panel rows (file rows show their folder: ".env api 1"). */
  async problemRowTexts(): Promise<string[]> {
    await this.showProblems();
    return this.page.$$eval('.markers-panel .monaco-list-row', (rows) => rows.map((r) => ((r as unknown as { innerText: string }).innerText).replace(/\s+/g, ' ').trim()));
  }

  async waitForProblem(fragment: string, timeoutMs = 30000): Promise<string> {
    return waitFor(`a problem containing "${fragment}"`, async () => (await this.problems()).find((p) => p.includes(fragment)), timeoutMs);
  }

  async notifications(): Promise<string[]> {
    return this.page.$$eval('.notifications-toasts .notification-toast', (toasts) => toasts.map((t) => t.textContent ?? ''));
  }

  async statusBarTexts(): Promise<string[]> {
    return this.page.$$eval('.statusbar .statusbar-item', (items) => items.map((i) => (i.getAttribute('aria-label') ?? '') + ' | ' + (i.textContent ?? '')));
  }
}
