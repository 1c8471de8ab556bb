/** .gitignore content with one more line, in the file's own line ending; unchanged when already there. */
export function withGitignoreEntry(existing: string, entry: string): string {
  if (existing.split(/\r?\n/).some((line) => line.trim() === entry)) {
    return existing;
  }
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const separator = existing.length > 0 && !existing.endsWith('\n') ? eol : '';
  return `${existing}${separator}${entry}${eol}`;
}
