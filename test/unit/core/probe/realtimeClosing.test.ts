import * as assert from 'assert';
import type { Socket } from 'net';
import { testKey } from '../../../../src/core/probe/keyTest';
import { Hostile, okRealtime, okRest, startHostile } from '../../../support/hostileServer';
import { fakeKey } from '../../../support/keys';

/**
 * Red team (issue 10, truth of the key test): once session.updated (free test) or response.done (full test) has
 * arrived, the Realtime check has its answer; the probe then closes the socket and waits a moment for the
 * server's close frame. A deadline falling inside that close handshake used to report `timeout` ("the
 * connection did not close") for a key that works. The deadline still ends the wait (the timeout is honoured),
 * but with the answer already seen.
 *
 * The deadline is shorter than the probe's own wait for a close frame (1 s), and the server holds its close
 * frame back well past the deadline: whenever the session gets ready before the deadline, the deadline falls
 * in the close handshake, however slow the machine.
 */
const TIMEOUT_MS = 900;
const CLOSE_HELD_MS = 4000;

describe('a Realtime check that succeeded is not reported as a timeout because the close handshake was slow', function () {
  this.timeout(20000);
  let server: Hostile;
  let full = false;
  before(async () => {
    server = await startHostile({
      rest: okRest,
      realtime: (ws) => {
        const socket = (ws as unknown as { _socket: Socket })._socket;
        let answered = 0;
        okRealtime(ws, {
          afterUpdated: () => {
            answered++;
            if (full && answered === 1) {
              return; // session.updated of the full test: the response comes next
            }
            // The client's close frame is not read (nor answered) until long after the deadline.
            socket.pause();
            setTimeout(() => socket.resume(), CLOSE_HELD_MS);
          },
        });
      },
    });
  });
  after(() => server.close());

  it('free test: session.updated arrived, so the Realtime probe is ok, and it ends by the deadline', async () => {
    full = false;
    const report = await testKey({ key: fakeKey('project', 41), source: 'test', baseUrl: server.baseUrl, timeoutMs: TIMEOUT_MS });
    assert.strictEqual(report.rest.status, 'ok');
    assert.strictEqual(report.realtime?.status, 'ok', `realtime: ${report.realtime?.status}: ${report.realtime?.message}; verdict ${report.verdict.status}: ${report.verdict.summary}`);
    assert.ok(report.realtime!.ms < CLOSE_HELD_MS, `the probe waited ${report.realtime!.ms} ms for the close frame`);
  });

  it('full test: response.done arrived completed (the paid call succeeded), so the Realtime probe is ok', async () => {
    full = true;
    const report = await testKey({ key: fakeKey('project', 42), source: 'test', baseUrl: server.baseUrl, timeoutMs: TIMEOUT_MS, full: true });
    assert.strictEqual(report.inference?.status, 'ok');
    assert.strictEqual(report.realtime?.response?.status, 'completed', 'the one-token response completed');
    assert.strictEqual(report.realtime?.status, 'ok', `realtime: ${report.realtime?.status}: ${report.realtime?.message}; verdict ${report.verdict.status}: ${report.verdict.summary}`);
    assert.ok(report.realtime!.ms < CLOSE_HELD_MS, `the probe waited ${report.realtime!.ms} ms for the close frame`);
  });
});
