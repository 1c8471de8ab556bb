import * as vscode from 'vscode';

/** A probe status or verdict in words for the status bar and its tooltip (the raw code stays in the test log). */
export function statusWords(status: string): string {
  switch (status) {
    case 'ok':
      return vscode.l10n.t('works');
    case 'invalid_key':
      return vscode.l10n.t('invalid key');
    case 'restricted_key':
      return vscode.l10n.t('missing permissions');
    case 'admin_key':
      return vscode.l10n.t('admin key');
    case 'no_quota':
      return vscode.l10n.t('no credit');
    case 'billing_inactive':
      return vscode.l10n.t('billing inactive');
    case 'rate_limited':
      return vscode.l10n.t('rate limited');
    case 'region_unsupported':
      return vscode.l10n.t('region not supported');
    case 'org_mismatch':
      return vscode.l10n.t('wrong organization');
    case 'ip_not_allowed':
      return vscode.l10n.t('IP not allowed');
    case 'model_unavailable':
      return vscode.l10n.t('model unavailable');
    case 'access_denied':
      return vscode.l10n.t('no access');
    case 'server_error':
      return vscode.l10n.t('server error');
    case 'timeout':
      return vscode.l10n.t('timed out');
    case 'network_error':
      return vscode.l10n.t('network error');
    case 'protocol_error':
      return vscode.l10n.t('unexpected answer');
    case 'malformed':
      return vscode.l10n.t('malformed');
    default:
      return vscode.l10n.t('not tested');
  }
}
