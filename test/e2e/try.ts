/**
 * npm run try: code-server with the freshly packaged extension, a demo workspace of broken and healthy .env
 * files, and the mock OpenAI server. Prints the URL; Ctrl+C stops everything and removes the temp folders.
 */
import * as fs from 'fs';
import * as path from 'path';
import { startMockOpenAI } from '../mock/openaiMock';
import { CodeServerSession, readTools } from './harness';
import { materialize } from './fixtures';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const mock = await startMockOpenAI();
  const session = new CodeServerSession(readTools(), {
    userSettings: { 'openaiKeyDoctor.apiBaseUrl': mock.baseUrl, 'workbench.startupEditor': 'readme' },
  });
  const workspace = materialize('demo');
  fs.mkdirSync(path.join(workspace, 'windows'), { recursive: true });
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fs.readFileSync(path.join(workspace, '.env'), 'utf8').replace(/\n/g, '\r\n'), 'utf16le')]);
  fs.writeFileSync(path.join(workspace, 'windows', '.env'), utf16);
  let stopping = false;
  const stop = async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nStopping…');
    await session.stop();
    await mock.close();
    fs.rmSync(workspace, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await session.startServer(port);
  console.log(`
OpenAI Key Doctor is running in VS Code (code-server), with a demo workspace and a mock OpenAI API.

  Open: http://127.0.0.1:${session.port}/?folder=${encodeURIComponent(workspace)}

  Mock OpenAI API: ${mock.baseUrl} (set as openaiKeyDoctor.apiBaseUrl in the user settings)
  Press Ctrl+C to stop.
`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
