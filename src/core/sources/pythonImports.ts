import type { TextEdit } from '../findings';
import { lexPython } from './lexPython';

/** `import os`, `import sys, os`, `import os.path` bind `os`; `import os as o` and `from os import environ` do not. */
export function importsOs(code: string): boolean {
  for (const match of code.matchAll(/^[ \t]*import[ \t]+([^\n#;]+)/gm)) {
    const names = match[1].split(',').map((part) => part.trim());
    if (names.some((name) => /^os(\.\w+)*$/.test(name))) {
      return true;
    }
  }
  return false;
}

/**
 * The edit that adds `import os` to a Python text: after the shebang, encoding and other leading comments,
 * the module docstring and `from __future__` imports (which must stay first), in the file's line ending.
 */
export function importOsEdit(code: string): TextEdit {
  const eol = code.includes('\r\n') ? '\r\n' : '\n';
  const regions = lexPython(code);
  let at = 0;
  let sawStatement = false;
  for (;;) {
    const lineEnd = endOfLine(code, at);
    const line = code.slice(at, lineEnd).trim();
    const next = lineEnd < code.length ? lineEnd + (code.startsWith('\r\n', lineEnd) ? 2 : 1) : code.length;
    if (at >= code.length) {
      break;
    }
    if (line === '' || line.startsWith('#')) {
      at = next;
      continue;
    }
    if (!sawStatement && /^[rRuU]?("""|''')/.test(line)) {
      // The module docstring: skip to the end of the line where it closes.
      const docstring = regions.find((r) => r.kind === 'string' && r.at.start >= at && r.at.start <= lineEnd);
      sawStatement = true;
      if (docstring) {
        const closeLineEnd = endOfLine(code, docstring.at.end);
        at = closeLineEnd < code.length ? closeLineEnd + (code.startsWith('\r\n', closeLineEnd) ? 2 : 1) : code.length;
        continue;
      }
    }
    if (/^from[ \t]+__future__[ \t]+import\b/.test(line)) {
      sawStatement = true;
      at = next;
      continue;
    }
    break;
  }
  const needsBreakBefore = at === code.length && code.length > 0 && !code.endsWith('\n');
  return { start: at, end: at, newText: `${needsBreakBefore ? eol : ''}import os${eol}` };
}

function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') {
    i++;
  }
  return i;
}
