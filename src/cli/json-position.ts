/**
 * Where a JSON text first goes wrong, as line and column: Node 20's `JSON.parse` names no position for an
 * unexpected token, and a context file is edited by hand. A small RFC 8259 recogniser, used only after
 * `JSON.parse` has refused the text; it does not build values.
 */
export interface JsonErrorPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** The position of the first syntax error in `text`, or `undefined` when `text` is valid JSON. */
export function jsonErrorPosition(text: string): JsonErrorPosition | undefined {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError('json');
  };
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = (word: string): void => {
    for (const c of word) if (text[i++] !== c) (i--, fail());
  };
  const string = (): void => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) fail();
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9A-Fa-f]/.test(text[i + k] ?? '')) ((i += k), fail());
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail();
        continue;
      }
      i++;
    }
  };
  const number = (): void => {
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === '' || match[0] === '-') fail();
    i += match![0].length;
  };
  // Iterative over nesting, so a deeply nested file cannot overflow the stack.
  const value = (): void => {
    const closers: string[] = [];
    for (;;) {
      space();
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        space();
        if (text[i] === (c === '{' ? '}' : ']')) i++;
        else {
          closers.push(c === '{' ? '}' : ']');
          if (c === '{') key();
          continue;
        }
      } else if (c === '"') string();
      else if (c === 't') literal('true');
      else if (c === 'f') literal('false');
      else if (c === 'n') literal('null');
      else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
      else fail();
      // After a value: a comma continues the innermost container, its closer ends it.
      for (;;) {
        if (closers.length === 0) return;
        space();
        const closer = closers.at(-1)!;
        if (text[i] === ',') {
          i++;
          if (closer === '}') key();
          break;
        }
        if (text[i] !== closer) fail();
        i++;
        closers.pop();
      }
    }
  };
  const key = (): void => {
    space();
    if (text[i] !== '"') fail();
    string();
    space();
    if (text[i] !== ':') fail();
    i++;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return undefined;
  } catch {
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    return { line, column: i - before.lastIndexOf('\n'), offset: i };
  }
}
