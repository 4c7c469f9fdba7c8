// A strict reader for the XML our endpoints write (elements and text, no attributes): it refuses what
// is not well-formed (a bare < or &, an unknown entity, tags that do not nest, text outside the root,
// a missing declaration) and gives back the tree, so a test reads back what a client would.
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(xml: string): XmlElement {
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(xml);
  if (!declaration) throw new Error('no XML declaration with UTF-8');
  const tokens = xml.slice(declaration[0].length).split(/(<[^>]*>)/);
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  for (const token of tokens) {
    if (!token) continue;
    const top = stack[stack.length - 1] as XmlElement;
    const tag = /^<(\/)?([A-Za-z_][\w.-]*)(\/)?>$/.exec(token);
    if (token.startsWith('<')) {
      if (!tag) throw new Error(`not a tag: ${token}`);
      const [, closing, name = '', empty] = tag;
      if (closing) {
        if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
        stack.pop();
        continue;
      }
      const element: XmlElement = { name, children: [], text: '' };
      if (stack.length === 1 && root.children.length) throw new Error('more than one root element');
      top.children.push(element);
      if (!empty) stack.push(element);
      continue;
    }
    if (stack.length === 1) {
      if (token.trim()) throw new Error('text outside the root element');
      continue;
    }
    if (token.includes('>')) throw new Error(`bare > in text: ${token}`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(token)) throw new Error('a control character');
    top.text += token.replace(/&([^;]*);|&/g, (_whole, entity?: string) => {
      if (entity === undefined) throw new Error(`bare & in text: ${token}`);
      if (entity in ENTITIES) return ENTITIES[entity] as string;
      const code = /^#(x[0-9a-f]+|\d+)$/i.exec(entity)?.[1];
      if (!code) throw new Error(`unknown entity &${entity};`);
      return String.fromCodePoint(code.startsWith('x') ? Number.parseInt(code.slice(1), 16) : Number(code));
    });
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]?.name}> is never closed`);
  const [top] = root.children;
  if (!top) throw new Error('no root element');
  return top;
}

/** The child elements named `name`. */
export const childrenNamed = (element: XmlElement, name: string) =>
  element.children.filter((child) => child.name === name);

/** The text of the first child named `name`, or undefined. */
export const childText = (element: XmlElement, name: string) =>
  element.children.find((child) => child.name === name)?.text;
