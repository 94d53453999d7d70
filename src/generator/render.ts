/**
 * Renders a workflow template: the template is YAML whose placeholder scalars
 * (`__HOP_NAME__`, alone or inside a string) are replaced through the yaml Document API,
 * so its comments, key order and quoting survive. A key whose whole value is a
 * placeholder with no value (an option left unset) is removed, with any mapping left
 * empty by that. Pure: text in, text out.
 */
import YAML, { type Document } from 'yaml';
import { InternalError } from '../core/errors.js';

/**
 * Placeholder name (without the underscores) → value; undefined removes the key. A number
 * is written as a YAML number when it is the whole value. A value with a comment (a pinned
 * action and its tag) is written with the comment at the end of its line.
 */
export type TemplateValue = string | number | { value: string; comment: string } | undefined;
export type TemplateValues = Record<string, TemplateValue>;

const PLACEHOLDER = /__HOP_([A-Z0-9_]+?)__/g;

/** Line width 0: never fold long lines, so a script reads as written. */
const TO_STRING = { lineWidth: 0, minContentWidth: 0 } as const;

export function renderTemplate(template: string, values: TemplateValues, templateName: string): string {
  const docs = YAML.parseAllDocuments(template, { keepSourceTokens: false });
  if (!Array.isArray(docs)) throw new InternalError(`${templateName}: not a YAML stream`);
  for (const doc of docs) {
    if (doc.errors.length) throw new InternalError(`${templateName}: ${doc.errors[0]!.message}`);
    substitute(doc, values, templateName);
  }
  return docs.map((d) => d.toString(TO_STRING)).join('');
}

function lookup(name: string, values: TemplateValues, templateName: string): TemplateValue {
  if (!(name in values)) throw new InternalError(`${templateName}: unknown placeholder __HOP_${name}__`);
  return values[name];
}

function substitute(doc: Document, values: TemplateValues, templateName: string): void {
  const emptied = new Set<unknown>();
  YAML.visit(doc, {
    Pair(_key, pair, path) {
      const v = pair.value;
      if (!YAML.isScalar(v) || typeof v.value !== 'string') return undefined;
      const whole = /^__HOP_([A-Z0-9_]+?)__$/.exec(v.value);
      if (whole && lookup(whole[1]!, values, templateName) === undefined) {
        emptied.add(path[path.length - 1]);
        return YAML.visit.REMOVE;
      }
      return undefined;
    },
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('__HOP_')) return;
      const whole = /^__HOP_([A-Z0-9_]+?)__$/.exec(node.value);
      const value = whole ? lookup(whole[1]!, values, templateName) : undefined;
      if (typeof value === 'number') {
        node.value = value;
        return;
      }
      if (typeof value === 'object') {
        node.value = value.value;
        node.comment = value.comment;
        return;
      }
      const text = node.value.replace(PLACEHOLDER, (_m, name: string) => {
        const part = lookup(name, values, templateName);
        if (part === undefined) throw new InternalError(`${templateName}: __HOP_${name}__ has no value and is not a whole value`);
        if (typeof part === 'object') throw new InternalError(`${templateName}: __HOP_${name}__ must be a whole value`);
        return String(part);
      });
      node.value = text;
      // A multi-line value (a script) reads best as a literal block.
      if (text.includes('\n')) node.type = 'BLOCK_LITERAL';
    },
  });
  // Remove the mappings that removals left empty, innermost first, until none is left.
  for (let changed = true; changed;) {
    changed = false;
    YAML.visit(doc, {
      Pair(_key, pair, path) {
        if (YAML.isMap(pair.value) && pair.value.items.length === 0 && emptied.has(pair.value)) {
          emptied.add(path[path.length - 1]);
          changed = true;
          return YAML.visit.REMOVE;
        }
        return undefined;
      },
    });
  }
}
