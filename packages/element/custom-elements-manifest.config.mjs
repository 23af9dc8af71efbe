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
            declaration.events = declaration.events?.filter((event) => event.name?.startsWith('captchala-'));
          }
        }
      },
    },
  ],
};
