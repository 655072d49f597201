/**
 * The bare saxes baselines the benches measure against: a namespace-resolved tree with nothing checked, and saxes
 * tokenising alone. Shared by bench/validate.bench.ts and bench/audit.bench.ts so both measure the same floor.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

interface BareAttribute {
  readonly uri: string;
  readonly local: string;
  readonly value: string;
}
interface BareText {
  readonly text: string;
}
export interface BareElement {
  readonly uri: string;
  readonly local: string;
  readonly attributes: BareAttribute[];
  readonly children: (BareElement | BareText)[];
}

/** saxes's handler fields (private in its types). See `createParser` in src/xml/parse-xml.ts. */
interface HandlerSlots {
  openTagHandler?: (tag: SaxesTagNS) => void;
  closeTagHandler?: () => void;
  textHandler?: (text: string) => void;
  errorHandler?: (error: Error) => void;
}

// Handlers are stored by name, not through `parser.on()`: `on()` stores through a computed key, and after about a
// dozen such stores V8 makes the parser a dictionary object (five times slower). Check once that these are the
// fields `on()` fills, so the baseline cannot silently run without handlers if saxes renames them.
{
  const probe = new SaxesParser({ xmlns: true });
  const slots = probe as unknown as Record<string, unknown>;
  for (const [event, slot] of [['opentag', 'openTagHandler'], ['closetag', 'closeTagHandler'], ['text', 'textHandler'], ['error', 'errorHandler']] as const) {
    const handler = (): void => {};
    probe.on(event as 'text', handler);
    if (slots[slot] !== handler) throw new Error(`saxes no longer stores the ${event} handler in ${slot}: fix the saxes baseline`);
  }
}

export function bareSaxesTree(text: string): BareElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: BareElement[] = [];
  let root: BareElement | undefined;
  const slots = parser as unknown as HandlerSlots;
  slots.openTagHandler = (tag) => {
    const attributes: BareAttribute[] = [];
    for (const name in tag.attributes) {
      const attribute = tag.attributes[name]!;
      attributes.push({ uri: attribute.uri, local: attribute.local, value: attribute.value });
    }
    const element: BareElement = { uri: tag.uri, local: tag.local, attributes, children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  };
  slots.closeTagHandler = () => {
    stack.pop();
  };
  slots.textHandler = (value) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push({ text: value });
  };
  slots.errorHandler = (error) => {
    throw error;
  };
  parser.write(text).close();
  if (!root) throw new Error('no root element');
  return root;
}

export const countBare = (e: BareElement): number => 1 + e.children.reduce((n, c) => n + ('local' in c ? countBare(c) : 0), 0);

/** saxes alone, no handler but the error one: no text collected, no tree. The floor of any saxes-based reader. */
export function saxesTokenise(text: string): void {
  const parser = new SaxesParser({ xmlns: true });
  (parser as unknown as HandlerSlots).errorHandler = (error) => {
    throw error;
  };
  parser.write(text).close();
}
