import type { Finding } from './findings';
import { KEY_MARKER } from './keys/keyShape';
import { detectPlaceholder } from './keys/placeholder';
import { FRAGMENT_LENGTH, createRedactor, isHarmlessToQuote } from './redact';
import type { RoledEntry } from './rules/context';

/**
 * The linter's side of the redaction boundary: every message, detail, fix title and related note of a file's findings
 * goes through `redact`, with that file's secrets, so no finding carries 8 characters of a key to any output
 * (CLI formats, Problems panel, hover, status bar, input box, dialogs).
 */
export function redactFindings(findings: readonly Finding[], roled: readonly RoledEntry[]): Finding[] {
  const redactText = createRedactor(secretsOf(roled));
  return findings.map((f) => redactFinding(f, redactText));
}

/** Longer values are not keys: their key-shaped parts are masked anyway, and no message quotes a value. */
const MAX_SECRET_LENGTH = 512;
/** Distinct secrets whose fragments are searched for; key-shaped tokens are masked whatever their number. */
const MAX_SECRETS = 64;

/**
 * The values of this file that are or may be secrets: every key variable's value (unless it is a placeholder
 * harmless to quote), any value holding a key, and the credentials of a base URL. Every finding is redacted
 * with them, so no message, fix title or related note carries 8 characters of one. Bounded, so that a file
 * of a hundred thousand keys or a 5 MB value costs no more than a normal one.
 */
function secretsOf(roled: readonly RoledEntry[]): string[] {
  const secrets = new Set<string>();
  const seen = new Set<string>();
  const add = (secret: string) => {
    if (secret.length >= FRAGMENT_LENGTH && secret.length <= MAX_SECRET_LENGTH && secrets.size < MAX_SECRETS) {
      secrets.add(secret);
    }
  };
  for (const { entry, role } of roled) {
    if (seen.has(entry.value)) {
      continue;
    }
    seen.add(entry.value);
    const value = entry.value.trim();
    if (role === 'key' || role === 'admin-key' || role === 'azure-key') {
      if (!(detectPlaceholder(value) && isHarmlessToQuote(value))) {
        // A quote that swallows lines makes them part of the value: they stay readable (OPENAI_ORG_ID=…).
        for (const line of entry.value.length <= MAX_SECRET_LENGTH * 4 ? entry.value.split(/\r\n|[\n\r\u2028\u2029]/) : []) {
          if (!ASSIGNMENT.test(line)) {
            add(line);
            add(line.trim());
          }
        }
      }
    } else if (value.includes('sk-') || value.includes(KEY_MARKER)) {
      add(value);
    }
    if (role === 'base-url' && value.includes('@')) {
      try {
        const url = new URL(value);
        add(decodeURIComponent(url.username));
        add(decodeURIComponent(url.password));
      } catch {
        // not a URL: nothing more to hide than the value's key-shaped parts
      }
    }
    if (secrets.size >= MAX_SECRETS) {
      break;
    }
  }
  return [...secrets];
}

const ASSIGNMENT = /^\s*(?:export\s+)?[A-Za-z_][\w.-]*\s*[=:]/;

function redactFinding(finding: Finding, redactText: (text: string) => string): Finding {
  return {
    ...finding,
    message: redactText(finding.message),
    ...(finding.detail !== undefined ? { detail: redactText(finding.detail) } : {}),
    fixes: finding.fixes.map((fix) => ({ ...fix, title: redactText(fix.title) })),
    related: finding.related?.map((r) => ({ ...r, message: redactText(r.message) })),
  };
}

