// The commented values.yaml: the defaults, each key preceded by its schema description (helm-docs style
// `# --`), and a yaml-language-server modeline so editors complete and check it against the schema.
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import { childSchema, descriptionOf, type JsonSchema } from './toolkit.js';

export interface ValuesYamlOptions {
  /** Lines of the header comment (without `#`). */
  header: string[];
  /** Path of the schema relative to values.yaml, for the modeline. */
  schemaPath?: string;
}

export function renderValuesYaml(schema: JsonSchema, values: unknown, options: ValuesYamlOptions): string {
  // YAML 1.1, as Helm reads it: strings such as yes, on or 12:30 come out quoted (see toHelmYaml).
  const doc = new Document(values, { version: '1.1' });
  annotate(doc.contents as Node, schema, schema, 0);
  const modeline = options.schemaPath ? [` yaml-language-server: $schema=${options.schemaPath}`, ''] : [];
  doc.commentBefore = [...modeline, ...options.header.map((l) => (l ? ` ${l}` : ''))].join('\n');
  return doc.toString({ lineWidth: 0, indentSeq: true, nullStr: 'null' });
}

function annotate(node: Node | null, root: JsonSchema, schema: JsonSchema | undefined, depth: number, listItem = false): void {
  if (isMap(node)) {
    node.items.forEach((pair, i) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const sub = childSchema(root, schema, key);
      if (isScalar(pair.key)) {
        const description = descriptionOf(root, sub);
        const comment = description?.split('\n').map((l, j) => (j === 0 ? ` -- ${l}` : ` ${l}`)).join('\n');
        // The first key of a list item would get its comment after the dash (`- # -- …`), which yamllint (chart-testing's
        // lintconf) rejects; it goes on its own line above the item instead.
        if (comment && listItem && i === 0) node.commentBefore = comment;
        else if (comment) pair.key.commentBefore = comment;
        // A blank line before each top-level key (but the first) keeps sections apart.
        if (depth === 0 && i > 0) pair.key.spaceBefore = true;
      }
      annotate(pair.value as Node | null, root, sub, depth + 1);
    });
  } else if (isSeq(node)) {
    node.items.forEach((item) => annotate(item as Node, root, childSchema(root, schema, 0), depth + 1, true));
  }
}
