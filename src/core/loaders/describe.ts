import * as l10n from '@vscode/l10n';
import type { VariableChain } from './chain';
import type { Detection, Evidence } from './detect';
import type { LoadPlan } from './loadOrder';
import { loaderLabel } from './loaderId';

/** "package.json depends on next", "next.config.mjs", "requirements.txt lists python-dotenv". */
export function describeEvidence(evidence: Evidence): string {
  if (evidence.file === 'package.json') {
    return l10n.t`package.json depends on ${evidence.detail ?? ''}`;
  }
  if (evidence.loader === 'python-dotenv') {
    return l10n.t`${evidence.file} lists python-dotenv`;
  }
  if (evidence.loader === 'docker-compose') {
    return l10n.t`${evidence.file} sets env_file or environment`;
  }
  return evidence.file;
}

/** "Next.js (package.json depends on next), mode development" or "dotenv (assumed: no loader found)". */
export function describeLoader(detection: Detection, plan: LoadPlan, service?: string): string {
  const label = loaderLabel(plan.loader);
  const why = detection.chosen
    ? l10n.t('chosen')
    : detection.evidence.length > 0
      ? detection.evidence.map(describeEvidence).join(', ')
      : l10n.t('assumed: nothing in the folder names a loader');
  const mode = plan.mode ? l10n.t`, mode ${plan.mode}` : '';
  const svc = service ? l10n.t`, service ${service}` : '';
  return `${label} (${why})${mode}${svc}`;
}

/** The places the loader reads for a variable, in order: "environment, .env.local, .env". */
export function describeReadOrder(plan: LoadPlan, chain: VariableChain): string {
  const places = plan.sources(chain.variable, chain.service).map((s) => {
    switch (s.kind) {
      case 'environment':
        return s.lookup && s.lookup !== chain.variable ? l10n.t`environment (${s.lookup})` : l10n.t('environment');
      case 'file':
        return s.lookup && s.lookup !== chain.variable ? `${s.path} (${s.lookup})` : s.path;
      case 'search':
        return l10n.t('the first .env found from here upwards');
      case 'inline':
        return l10n.t`${s.path}, line ${s.line}`;
    }
  });
  return places.join(', ');
}
