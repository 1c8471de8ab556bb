import type { Span } from './dotenv/parse';
import type { RuleId, Severity } from './rules/ruleInfo';

export type { RuleId, Severity };

/** Replace original[start, end) by newText. Offsets are into the text that was linted. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A change outside the text: re-saving the file, or a line in .gitignore. */
export type FileAction = { kind: 'reencode-utf8' } | { kind: 'add-to-gitignore'; entry: string };

export interface Fix {
  title: string;
  edits: TextEdit[];
  fileAction?: FileAction;
  /** Applied by `--fix` and "fix all": it cannot change what dotenv gives for any other variable. */
  safe: boolean;
  preferred?: boolean;
}

export interface RelatedLocation {
  span: Span;
  message: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  span: Span;
  /** One sentence: what is wrong and the fix (median <= 90, max <= 160 characters; no position). */
  message: string;
  /** The longer explanation (why it fails, what dotenv and the SDK do), shown on hover and in the CLI's JSON. */
  detail?: string;
  fixes: Fix[];
  related?: RelatedLocation[];
}
