import * as assert from 'assert';
import type { Socket } from 'net';
import { testKey } from '../../src/core/probe/keyTest';
import { fakeKey } from '../support/keys';
import { Hostile, okRealtime, okRest, startHostile } from './support/hostile';

/**
 * Red team (issue 10, truth of the key test): once session.updated (free test) or response.done (full test) has
 * arrived, the Realtime check has succeeded; the probe then closes the socket and waits for the server's close
 * frame. If the test's deadline falls inside that close handshake (a session that completes in the last round
 * trip before the deadline: a slow network, a slow close), the deadline timer reports `timeout` ("the
 * connection did not close") instead of the success it already saw (realtimeProbe.ts: the phase 'closing' is
 * treated like any other unfinished phase). The verdict then says the Realtime API timed out for a key that works.
 */
const TIMEOUT_MS = 2000;
/** The server's close frame comes one slow round trip after the client's. */
const CLOSE_ROUND_TRIP_MS = 600;

describe('red team: a Realtime check that succeeded is not reported as a timeout because the close handshake was slow', function () {
  this.timeout(20000);
  let server: Hostile;
  let full = false;
  before(async () => {
    server = await startHostile({
      rest: okRest,
      realtime: (ws) => {
        const socket = (ws as unknown as { _socket: Socket })._socket;
        let answered = 0;
        const nearTheDeadline = () => new Promise<void>((r) => setTimeout(r, TIMEOUT_MS - 300));
        okRealtime(ws, {
          // The session (free test) or the one-token response (full test) is ready shortly before the deadline...
          beforeUpdated: full ? undefined : nearTheDeadline,
          beforeDone: full ? nearTheDeadline : undefined,
          // ...and the close frame takes one slow round trip.
          afterUpdated: () => {
            answered++;
            if (full && answered === 1) {
              return; // session.updated of the full test: the response comes next
            }
            socket.pause();
            setTimeout(() => socket.resume(), CLOSE_ROUND_TRIP_MS);
          },
        });
      },
    });
  });
  after(() => server.close());

  it('free test: session.updated arrived, so the Realtime probe is ok', async () => {
    full = false;
    const report = await testKey({ key: fakeKey('project', 41), source: 'test', baseUrl: server.baseUrl, timeoutMs: TIMEOUT_MS });
    assert.strictEqual(report.rest.status, 'ok');
    assert.strictEqual(report.realtime?.status, 'ok', `realtime: ${report.realtime?.status}: ${report.realtime?.message}; verdict ${report.verdict.status}: ${report.verdict.summary}`);
  });

  it('full test: response.done arrived completed (the paid call succeeded), so the Realtime probe is ok', async () => {
    full = true;
    const report = await testKey({ key: fakeKey('project', 42), source: 'test', baseUrl: server.baseUrl, timeoutMs: TIMEOUT_MS, full: true });
    assert.strictEqual(report.inference?.status, 'ok');
    assert.strictEqual(report.realtime?.response?.status, 'completed', 'the one-token response completed');
    assert.strictEqual(report.realtime?.status, 'ok', `realtime: ${report.realtime?.status}: ${report.realtime?.message}; verdict ${report.verdict.status}: ${report.verdict.summary}`);
  });
});
