import { DUIS_NAMESPACE as SR_NAMESPACE } from '../../src/duis/namespaces.js';

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** DUIS document order of each parent's children, for inserting optional elements where they belong. */
export type ChildOrders = ReadonlyArray<readonly [parent: string, children: readonly string[]]>;

/**
 * Textual editor for one request document, shared by the 6.15.1 and 6.21 variant generators. Every method returns
 * a new string; `orders` says where an inserted element belongs.
 */
export class RequestText {
  /** `sr:` or `` (the prefix the base uses for the DUIS namespace on the root element). */
  readonly p: string;

  constructor(
    readonly xml: string,
    private readonly orders: ChildOrders,
    private readonly who: string,
  ) {
    const root = /<([A-Za-z_][\w.-]*:)?Request(?=[\s>])/.exec(xml);
    if (!root) throw new Error(`${who}: the base document has no Request root element`);
    this.p = root[1] ?? '';
  }

  private pattern(local: string, flags = ''): RegExp {
    const q = escapeRegExp(this.p + local);
    return new RegExp(`<${q}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${q}\\s*>)`, flags);
  }

  has(local: string): boolean {
    return this.pattern(local).test(this.xml);
  }

  /** The whole first element named `local` (with its tags). */
  element(local: string): string {
    const match = this.pattern(local).exec(this.xml);
    if (!match) throw new Error(`${this.who}: the base document has no ${local}`);
    return match[0];
  }

  /** The text content of the first leaf element named `local`. */
  text(local: string): string {
    const whole = this.element(local);
    return whole.endsWith('/>') && !whole.includes('</') ? '' : whole.slice(whole.indexOf('>') + 1, whole.lastIndexOf('</'));
  }

  tag(local: string, content: string): string {
    return `<${this.p}${local}>${content}</${this.p}${local}>`;
  }

  private openTag(whole: string): string {
    return whole.endsWith('/>') && !whole.includes('</') ? whole.slice(0, -2) + '>' : whole.slice(0, whole.indexOf('>') + 1);
  }

  /** Replaces the content of the first `local` element; inserts the element where DUIS puts it if absent. */
  set(local: string, content: string): string {
    if (!this.has(local)) return this.insert(local, this.tag(local, content));
    const whole = this.element(local);
    return this.xml.replace(whole, () => `${this.openTag(whole)}${content}</${this.p}${local}>`);
  }

  /** Removes every `local` element with the whitespace before it. */
  remove(local: string): string {
    return this.xml.replace(new RegExp(`\\s*${this.pattern(local).source}`, 'g'), '');
  }

  /** Inserts `fragment` before the first existing element that follows `local` in DUIS order. */
  insert(local: string, fragment: string): string {
    for (const [parent, order] of this.orders) {
      const at = order.indexOf(local);
      if (at < 0) continue;
      const next = order.slice(at + 1).find((n) => this.has(n));
      return next ? this.before(next, fragment) : this.appendTo(parent, fragment);
    }
    throw new Error(`${this.who}: do not know where ${local} goes`);
  }

  before(local: string, fragment: string): string {
    const whole = this.element(local);
    return this.xml.replace(whole, () => fragment + whole);
  }

  after(local: string, fragment: string): string {
    const whole = this.element(local);
    return this.xml.replace(whole, () => whole + fragment);
  }

  /** Appends `fragment` as the last child of the first `parent` element (expanding `<x/>` if needed). */
  appendTo(parent: string, fragment: string): string {
    const whole = this.element(parent);
    if (whole.endsWith('/>') && !whole.includes('</')) {
      return this.xml.replace(whole, () => `${whole.slice(0, -2)}>${fragment}</${this.p}${parent}>`);
    }
    const close = whole.lastIndexOf('</');
    return this.xml.replace(whole, () => whole.slice(0, close) + fragment + whole.slice(close));
  }

  /** Replaces the content of `parent` by `content`. */
  replaceContent(parent: string, content: string): string {
    const whole = this.element(parent);
    return this.xml.replace(whole, () => `${this.openTag(whole)}${content}</${this.p}${parent}>`);
  }

  /** Replaces the whole first `local` element by `fragment`. */
  replace(local: string, fragment: string): string {
    const whole = this.element(local);
    return this.xml.replace(whole, () => fragment);
  }

  swap(a: string, b: string): string {
    const ea = this.element(a);
    const eb = this.element(b);
    const marker = '\u0000SWAP\u0000';
    return this.xml.replace(ea, () => marker).replace(eb, () => ea).replace(marker, () => eb);
  }

  /** Renames every start and end tag of `from` (same prefix). */
  rename(from: string, to: string): string {
    const q = escapeRegExp(this.p + from);
    return this.xml.replace(new RegExp(`<(/?)${q}(?=[\\s/>])`, 'g'), (_m, slash: string) => `<${slash}${this.p}${to}`);
  }

  /** Adds attributes to the first start tag of `local` (`Request` for the root). */
  addAttributes(local: string, attributes: string): string {
    const q = escapeRegExp(this.p + local);
    return this.xml.replace(new RegExp(`<${q}(?=[\\s/>])`), (m) => `${m} ${attributes}`);
  }

  rootAttributes(edit: (attributes: string) => string): string {
    const q = escapeRegExp(this.p + 'Request');
    return this.xml.replace(new RegExp(`<${q}(?=[\\s>])([^>]*)>`), (_m, attrs: string) => `<${this.p}Request${edit(attrs)}>`);
  }

  /** The ds:Signature element of the base (any prefix), if present. */
  signature(): string | undefined {
    return /<([A-Za-z_][\w.-]*:)?Signature(?=[\s>])[\s\S]*?<\/\1Signature\s*>/.exec(this.xml)?.[0];
  }

  withoutSignature(): string {
    const signature = this.signature();
    return signature === undefined ? this.xml : this.xml.replace(new RegExp(`\\s*${escapeRegExp(signature)}`), '');
  }

  /** Puts `fragment` where the signature goes: the last child of Request (after removing the base's own). */
  withTrailing(fragment: string): string {
    const unsigned = this.withoutSignature();
    const close = `</${this.p}Request>`;
    const at = unsigned.lastIndexOf(close);
    return unsigned.slice(0, at) + fragment + '\n' + unsigned.slice(at);
  }

  /** Every element in the DUIS namespace written with `prefix` (`''` for the default namespace). */
  withDuisPrefix(prefix: string): string {
    const to = prefix === '' ? '' : `${prefix}:`;
    const declaration = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
    let xml = this.xml;
    if (this.p !== '') {
      const from = escapeRegExp(this.p);
      xml = xml
        .replace(new RegExp(`<${from}`, 'g'), `<${to}`)
        .replace(new RegExp(`</${from}`, 'g'), `</${to}`)
        .replace(new RegExp(`\\s+xmlns:${escapeRegExp(this.p.slice(0, -1))}="[^"]*"`), '');
    } else {
      // Unprefixed names only: a `[\w.-]` name followed by a delimiter has no colon, so ds: elements keep theirs.
      xml = xml.replace(/\s+xmlns="[^"]*"/, '').replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, `<$1${to}$2`);
    }
    return xml.replace(new RegExp(`<${escapeRegExp(to)}Request(?=[\\s>])`), `<${to}Request ${declaration}="${SR_NAMESPACE}"`);
  }
}
