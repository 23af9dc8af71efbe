import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * The element's settings from `CAPTCHALA_OPTIONS` (src/options.ts), which the class declares as
 * `static properties = CAPTCHALA_OPTIONS`: the analyzer reads only an object literal there, so this reads the table.
 * Each entry: its name, its attribute (`false`: a property only; absent, the lowercased name), whether it reflects.
 */
function readOptions() {
  const file = new URL('./src/options.ts', import.meta.url);
  const source = ts.createSourceFile('options.ts', readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  let table;
  source.forEachChild(function visit(node) {
    if (ts.isVariableDeclaration(node) && node.name.getText() === 'CAPTCHALA_OPTIONS')
      table = node.initializer;
    else if (!table) node.forEachChild(visit);
  });
  while (table && !ts.isObjectLiteralExpression(table)) table = table.expression;
  return table.properties.map((entry) => {
    const fields = Object.fromEntries(
      entry.initializer.properties.map((field) => [field.name.getText(), field.initializer.getText()]),
    );
    const name = entry.name.getText();
    const attribute =
      fields.attribute === undefined ? name.toLowerCase() : JSON.parse(fields.attribute.replaceAll("'", '"'));
    return { name, attribute, reflects: fields.reflect === 'true' };
  });
}

/** `CAPTCHALA_EVENTS` (src/captchalaEvents.ts): each event's short name and class name. */
function readEvents() {
  const file = new URL('./src/captchalaEvents.ts', import.meta.url);
  const source = ts.createSourceFile('events.ts', readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  let table;
  source.forEachChild(function visit(node) {
    if (ts.isVariableDeclaration(node) && node.name.getText() === 'CAPTCHALA_EVENTS')
      table = node.initializer;
    else if (!table) node.forEachChild(visit);
  });
  while (table && !ts.isObjectLiteralExpression(table)) table = table.expression;
  return table.properties.map((entry) => ({ name: entry.name.getText(), type: entry.initializer.getText() }));
}

/**
 * `cem analyze` config: the manifest documents the public element (attributes, properties, events, parts, CSS
 * properties, slots) and its event classes, nothing internal. The JSDoc @fires/@attr tags and public fields are
 * the source of truth; private (`#`) members, and events the analyzer infers from `dispatchEvent(new XEvent())`
 * calls under their class names, are dropped.
 */
export default {
  globs: [
    'src/CaptchalaWidget.ts',
    'src/defineCaptchalaWidget.ts',
    'src/events/*.ts',
    'src/index.ts',
    'src/define.ts',
  ],
  litelement: true,
  // package.json already points at custom-elements.json: never rewrite it.
  packagejson: false,
  plugins: [
    {
      name: 'captchala-public-manifest',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            declaration.members = declaration.members?.filter(
              (member) => member.name && member.privacy !== 'private' && !member.name.startsWith('#'),
            );
            if (!declaration.tagName) continue;
            declaration.attributes = declaration.attributes ?? []; // the JSDoc @attr ones (lang, nonce), then the table's
            for (const option of readOptions()) {
              const member = declaration.members.find((candidate) => candidate.name === option.name);
              member.privacy = 'public';
              if (option.reflects) member.reflects = true;
              if (option.attribute === false) continue;
              member.attribute = option.attribute;
              const { type, default: initial, description } = member;
              declaration.attributes.push({
                name: option.attribute,
                type,
                default: initial,
                description,
                fieldName: option.name,
              });
            }
            declaration.events =
              declaration.events?.filter((event) => event.name?.startsWith('captchala-')) ?? [];
            // Every event of the table, documented by a @fires tag or not.
            for (const { name, type } of readEvents()) {
              if (!declaration.events.some((event) => event.name === `captchala-${name}`)) {
                declaration.events.push({ name: `captchala-${name}`, type: { text: type } });
              }
            }
          }
        }
      },
    },
  ],
};
