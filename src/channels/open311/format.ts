// GeoReport v2 answers in JSON (our default) or XML, chosen by the address's extension
// (`services.xml`). One tree of plain values renders to either: in XML an array becomes its element
// (the root's name, or the key it sits under) wrapping one element per item, named as the
// specification's examples name them (`<services><service>`, `<attributes><attribute>`).
import type { FastifyReply } from 'fastify';
import { xmlText } from '../../http/xlsx.ts';

export type Format = 'json' | 'xml';
export type Tree = string | number | boolean | null | undefined | Tree[] | { [key: string]: Tree };

/** The format an extension names, or null (answered with the specification's 404). */
export function formatOf(extension: unknown): Format | null {
  return extension === 'json' || extension === 'xml' ? extension : null;
}

/** The element each item of an array is written as, by the array's own element name. */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

export function send(reply: FastifyReply, format: Format, root: string, body: Tree) {
  if (format === 'json')
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(body ?? null));
  return reply
    .type('text/xml; charset=utf-8')
    .send(`<?xml version="1.0" encoding="UTF-8"?>\n${element(root, body)}\n`);
}

/** One element and everything in it. Names are ours (never the client's), so only text is escaped. */
export function element(name: string, value: Tree): string {
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    // An absent field (undefined) is left out, as JSON.stringify leaves it out; null is an empty element.
    const inner = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([key, v]) => element(key, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${xmlText(String(value))}</${name}>`;
}
