import type * as vscode from 'vscode';
import { redact } from '../../core/redact';

/**
 * Work that runs on its own (a scan, a notification, a refresh): nobody awaits it, so its failure is written to
 * the log channel instead of being lost. `what` names the work in the log.
 */
export type Background = (what: string, work: Thenable<unknown>) => void;

/** The one way to start background work: every failure lands in the log, through the redaction boundary. */
export function logErrors(log: Pick<vscode.LogOutputChannel, 'error'>): Background {
  return (what, work) => {
    Promise.resolve(work).then(undefined, (error: unknown) => {
      log.error(redact(`${what} failed: ${error instanceof Error ? error.message : String(error)}`));
    });
  };
}
