// BIRD 2's configuration text as a list of tokens, with `include` followed and `define` constants kept
// as written, so that bird-config.ts can read statements by structure rather than by pattern. BIRD's
// grammar (BIRD 2.0 User's Guide, chapter 3 "Configuration"): `#` comments to the end of the line and
// `/* */` comments, "strings", and `include "file";` anywhere, its path relative to the including file
// (BIRD 2.0.12 conf/cf-lex.l, cf_include: a relative path is taken from the current file's directory).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserFacingError } from '../util/errors.js';

/** One token, with where it was written. Example: {"text":"neighbor","file":"bird/router0.conf","line":41} */
export interface BirdToken {
  readonly text: string;
  /** "string" for a quoted string (its text without the quotes), "word" otherwise */
  readonly kind: 'word' | 'string' | 'symbol';
  readonly file: string;
  readonly line: number;
}

/** A BIRD config the reader cannot follow. Its message names the file and the line. */
export class BirdConfigError extends UserFacingError {
  override name = 'BirdConfigError';
}

const TOKEN = /\s+|#[^\n]*|\/\*[\s\S]*?\*\/|"((?:[^"\\]|\\.)*)"|([{}();,=[\]:~!<>&|+\-*/])|([^\s{}();,=[\]"#:~!<>&|+\-*/]+)/y;

/** The tokens of `text`, the content of `file`, includes not followed. */
function tokenize(text: string, file: string, shown: (path: string) => string): BirdToken[] {
  const tokens: BirdToken[] = [];
  let line = 1;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new BirdConfigError(`${shown(file)}:${line}: cannot read ${JSON.stringify(text.slice(at, at + 20))}`);
    if (m[1] !== undefined) tokens.push({ text: m[1], kind: 'string', file, line });
    else if (m[2] !== undefined) tokens.push({ text: m[2], kind: 'symbol', file, line });
    else if (m[3] !== undefined) tokens.push({ text: m[3], kind: 'word', file, line });
    line += (m[0].match(/\n/g) ?? []).length;
  }
  return tokens;
}

/** `include "PATH";` at tokens[i]: the included file, relative to the including file's folder; else undefined. */
function includeAt(tokens: readonly BirdToken[], i: number, file: string): string | undefined {
  const t = tokens[i]!;
  const path = tokens[i + 1];
  return t.kind === 'word' && t.text === 'include' && path?.kind === 'string' && tokens[i + 2]?.text === ';' ? resolve(dirname(file), path.text) : undefined;
}

/** The files `text` (the content of `file`) includes, in order, resolved as BIRD resolves them. Example: "include \"peers.conf\";" in /etc/bird/bird.conf -> ["/etc/bird/peers.conf"] */
export function birdIncludes(text: string, file: string, shown: (path: string) => string = (p) => p): string[] {
  const tokens = tokenize(text, file, shown);
  return tokens.flatMap((_, i) => includeAt(tokens, i, file) ?? []);
}

/** Tokens of `file`, with every `include "…";` replaced by the included file's tokens. */
export function birdTokens(file: string, shown: (path: string) => string, seen: readonly string[] = []): BirdToken[] {
  if (seen.includes(file)) throw new BirdConfigError(`${shown(file)}: includes itself (${[...seen, file].map(shown).join(' -> ')})`);
  if (!existsSync(file)) throw new BirdConfigError(`${seen.length ? `${shown(seen.at(-1)!)}: includes ` : ''}${shown(file)}, which does not exist`);
  const tokens = tokenize(readFileSync(file, 'utf8'), file, shown);
  const out: BirdToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const included = includeAt(tokens, i, file);
    if (included !== undefined) {
      out.push(...birdTokens(included, shown, [...seen, file]));
      i += 2;
    } else {
      out.push(tokens[i]!);
    }
  }
  return out;
}

/** A statement: its tokens up to `;` or its block, and the block's statements when it has one. */
export interface BirdStatement {
  readonly words: readonly BirdToken[];
  readonly block?: readonly BirdStatement[];
}

/**
 * Splits tokens into statements: `words… ;` or `words… { statements }` (an optional `;` after the block
 * belongs to it). Braces inside parentheses or brackets (filter expressions) are kept as words.
 */
export function birdStatements(tokens: readonly BirdToken[], shown: (path: string) => string): BirdStatement[] {
  let i = 0;
  const parse = (nested: boolean): BirdStatement[] => {
    const statements: BirdStatement[] = [];
    let words: BirdToken[] = [];
    while (i < tokens.length) {
      const t = tokens[i++]!;
      if (t.kind === 'symbol' && t.text === '}') {
        if (!nested) throw new BirdConfigError(`${shown(t.file)}:${t.line}: a } that closes nothing`);
        if (words.length) statements.push({ words });
        return statements;
      }
      if (t.kind === 'symbol' && t.text === ';') {
        if (words.length) statements.push({ words });
        words = [];
      } else if (t.kind === 'symbol' && t.text === '{') {
        const block = parse(true);
        statements.push({ words, block });
        words = [];
        if (tokens[i]?.text === ';') i++;
      } else {
        words.push(t);
      }
    }
    if (nested) throw new BirdConfigError(`${shown(tokens.at(-1)?.file ?? '')}: a { is never closed`);
    if (words.length) statements.push({ words });
    return statements;
  };
  return parse(false);
}
