/**
 * Finds user-facing text that bypasses l10n.t: string literals given to the places users read (notifications,
 * quick pick items, code action and fix titles, finding messages, verdicts, status bar texts), and English
 * fragments spliced into a translated message (`l10n.t`...${cond ? ' and more' : ''}...``), which the French
 * bundle cannot translate. Read with the TypeScript parser; no type information needed.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** Calls whose first argument is shown: notifications. */
const SHOWN_FIRST_ARGUMENT = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
/** Properties whose value is shown: titles of code actions, fixes, CodeLens and quick picks, messages, verdicts. */
const SHOWN_PROPERTIES = new Set(['title', 'message', 'summary', 'nextSteps', 'notes', 'label', 'description', 'detail', 'placeHolder', 'prompt', 'tooltip']);
/** Properties set on status bar and language status items. */
const SHOWN_ASSIGNMENTS = new Set(['text', 'detail', 'tooltip', 'description']);
/** Names that stay as they are in every language. */
const PROPER_NOUNS = /\b(OpenAI|Realtime|REST|SecretStorage|dotenv|Azure|OPENAI_\w+)\b/g;

export interface BareString {
  file: string;
  line: number;
  text: string;
  /** Where it was found: `showWarningMessage`, `title:`, `ctx.report`, `inside l10n.t`... */
  sink: string;
}

/** English a user would read: lower-case words once codicons, markdown and proper nouns are taken out. */
export function isProse(text: string): boolean {
  const words = text.replace(/\$\([\w-]+\)/g, ' ').replace(PROPER_NOUNS, ' ').replace(/https?:\/\/\S+/g, ' ');
  if (/^[\s\W\d]*$/.test(words)) {
    return false;
  }
  // A bare token such as `.gitignore`, `sk-`, `utf8` or `UTF-16 LE` is a name, not prose.
  return /[a-z]{2,}\s+[a-z]/i.test(words.trim()) || /^\s*[a-z]+\s*$/.test(words) || /^\s+[a-z]|[a-z]\s+$/.test(words);
}

function isL10nCall(node: ts.Node): boolean {
  const callee = ts.isCallExpression(node) ? node.expression : ts.isTaggedTemplateExpression(node) ? node.tag : undefined;
  return callee !== undefined && ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && /(^|\.)l10n$/.test(callee.expression.getText());
}

class Finder {
  readonly found: BareString[] = [];
  private readonly seen = new Set<ts.Node>();

  constructor(private readonly source: ts.SourceFile, private readonly file: string) {}

  private report(node: ts.Node, text: string, sink: string): void {
    const line = this.source.getLineAndCharacterOfPosition(node.getStart(this.source)).line + 1;
    this.found.push({ file: this.file, line, text, sink });
  }

  /** Looks for prose in an expression that is shown; `translated` once inside l10n.t's message. */
  check(node: ts.Node, sink: string): void {
    if (this.seen.has(node)) {
      return;
    }
    this.seen.add(node);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (isProse(node.text)) {
        this.report(node, node.text, sink);
      }
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const pieces = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
      if (isProse(pieces)) {
        this.report(node, pieces, sink);
      }
      node.templateSpans.forEach((span) => this.check(span.expression, sink));
      return;
    }
    if (isL10nCall(node)) {
      // The message is translated; what is spliced into it is not.
      if (ts.isTaggedTemplateExpression(node)) {
        if (ts.isTemplateExpression(node.template)) {
          node.template.templateSpans.forEach((span) => this.check(span.expression, 'inside l10n.t'));
        }
      } else {
        (node as ts.CallExpression).arguments.slice(1).forEach((arg) => this.check(arg, 'inside l10n.t'));
      }
      return;
    }
    if (ts.isIdentifier(node)) {
      const declaration = this.constDeclaration(node);
      if (declaration?.initializer) {
        this.check(declaration.initializer, sink);
      }
      return;
    }
    if (ts.isConditionalExpression(node)) {
      this.check(node.whenTrue, sink);
      this.check(node.whenFalse, sink);
      return;
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      this.check(node.left, sink);
      this.check(node.right, sink);
      return;
    }
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      this.check(node.right, sink);
      return;
    }
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) {
      this.check(node.expression, sink);
      return;
    }
    if (ts.isArrayLiteralExpression(node)) {
      node.elements.forEach((element) => this.check(element, sink));
      return;
    }
    if (ts.isObjectLiteralExpression(node)) {
      return; // its shown properties are checked as properties
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join') {
      this.check(node.expression.expression, sink);
    }
  }

  /** A `const name = …` of the enclosing functions or the file, if the identifier names one. */
  private constDeclaration(identifier: ts.Identifier): ts.VariableDeclaration | undefined {
    for (let scope: ts.Node | undefined = identifier.parent; scope; scope = scope.parent) {
      if (ts.isBlock(scope) || ts.isSourceFile(scope)) {
        for (const statement of scope.statements) {
          if (ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.Const) {
            const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === identifier.text);
            if (declaration) {
              return declaration;
            }
          }
        }
      }
    }
    return undefined;
  }

  visit(node: ts.Node): void {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      if (SHOWN_FIRST_ARGUMENT.has(name) && node.arguments[0]) {
        this.check(node.arguments[0], name);
      }
      if (name === 'report' && node.expression.expression.getText(this.source) === 'ctx' && node.arguments[2]) {
        this.check(node.arguments[2], 'ctx.report');
      }
    }
    if (ts.isNewExpression(node) && /(^|\.)CodeAction$/.test(node.expression.getText(this.source)) && node.arguments?.[0]) {
      this.check(node.arguments[0], 'new CodeAction');
    }
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && SHOWN_PROPERTIES.has(node.name.text)) {
      this.check(node.initializer, `${node.name.text}:`);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && SHOWN_ASSIGNMENTS.has(node.left.name.text)) {
      this.check(node.right, `.${node.left.name.text} =`);
    }
    if (isL10nCall(node)) {
      this.check(node, 'l10n.t');
    }
    ts.forEachChild(node, (child) => this.visit(child));
  }
}

export function findBareStrings(file: string, text: string): BareString[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const finder = new Finder(source, file);
  finder.visit(source);
  return finder.found;
}

/** Every .ts file under a folder, with paths relative to `root`. */
export function sourceFiles(root: string, folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('.ts')) {
        out.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  };
  walk(path.join(root, folder));
  return out.sort();
}
