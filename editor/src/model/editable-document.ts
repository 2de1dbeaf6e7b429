/**
 * Canvas edits change the YAML `Document`, never a re-serialised template: comments, key order and
 * the designer's own line breaks must survive. The `yaml` stringifier re-wraps folded text and pads
 * flow sequences, so every scalar and flow collection that an edit did not touch is written back
 * as the exact text it had in the source.
 */
import {
  isCollection,
  isMap,
  isNode,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  stringify,
  visit,
} from 'yaml';
import type { Document, Node } from 'yaml';

/** A parsed source whose untouched nodes can be written back verbatim. */
export interface EditableDocument {
  readonly source: string;
  readonly doc: Document.Parsed;
}

const ORIGINAL = Symbol('original');
type Annotated = Node & { [ORIGINAL]?: { json: string; text: string; indent: number } };

/** Parse a source for editing; throws on YAML that does not parse (the caller shows the problems). */
export function parseEditable(source: string): EditableDocument {
  const doc = parseDocument(source, { keepSourceTokens: false, uniqueKeys: false });
  if (doc.errors.length > 0) throw new SyntaxError(doc.errors[0]!.message);
  visit(doc, {
    Node(_key, node) {
      if (!node.range || !(isScalar(node) || (isCollection(node) && node.flow))) return;
      const text = source.slice(node.range[0], node.range[1]).replace(/\s+$/, '');
      (node as Annotated)[ORIGINAL] = {
        json: JSON.stringify(node.toJSON()),
        text,
        indent: lineIndent(source, node.range[0]),
      };
    },
  });
  return { source, doc };
}

/** Text of an edited document: untouched scalars and flow collections keep their source text. */
export function emitDocument(edited: EditableDocument): string {
  const kept = new Map<string, { text: string; indent: number }>();
  const nonce = Math.random().toString(36).slice(2, 8);
  const hold = (text: string, indent: number, node: Node): Scalar => {
    const token = `KEEP${kept.size}Z${nonce}`;
    kept.set(token, { text, indent });
    const scalar = new Scalar(token);
    Object.assign(scalar, {
      comment: node.comment,
      commentBefore: node.commentBefore,
      spaceBefore: node.spaceBefore,
    });
    return scalar;
  };
  const doc = edited.doc.clone();
  visit(doc, {
    Node(_key, node) {
      const original = (node as Annotated)[ORIGINAL];
      if (original && original.json === JSON.stringify(node.toJSON()))
        return hold(original.text, original.indent, node);
      if (
        isSeq(node) &&
        node.flow &&
        node.items.every((item) => (isScalar(item) && !item.comment) || !isNode(item))
      ) {
        return hold(`[${node.items.map(flowItemText).join(', ')}]`, 0, node);
      }
      return undefined;
    },
  });
  const out = doc.toString({ lineWidth: 0, flowCollectionPadding: true });
  return out.replace(new RegExp(`KEEP\\d+Z${nonce}`, 'g'), (token, offset: number) => {
    const { text, indent } = kept.get(token)!;
    const delta = lineIndent(out, offset) - indent;
    return text.replace(
      /\n( *)(?=\S)/g,
      (_m, spaces: string) => '\n' + ' '.repeat(Math.max(0, spaces.length + delta)),
    );
  });
}

/** Parse, edit, emit: the one way canvas operations change a source. */
export function editSource(source: string, edit: (doc: Document.Parsed) => void): string {
  const edited = parseEditable(source);
  edit(edited.doc);
  return emitDocument(edited);
}

/** A scalar inside a flow sequence: its source text if untouched, else quoted when flow syntax needs it. */
function flowItemText(item: unknown): string {
  const original = isScalar(item) ? (item as Annotated)[ORIGINAL] : undefined;
  const value: unknown = isScalar(item) ? item.value : item;
  if (original && original.json === JSON.stringify(value)) return original.text;
  const text = stringify(value, { lineWidth: 0 }).trimEnd();
  return /[,[\]{}#]|: |^$/.test(text) ? JSON.stringify(value) : text;
}

function lineIndent(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let i = start;
  while (text[i] === ' ') i++;
  return i - start;
}

/** True for a block (non-flow) map; operations add keys to these in place. */
export function isBlockMap(node: unknown): boolean {
  return isMap(node) && !node.flow;
}
