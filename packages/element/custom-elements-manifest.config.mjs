/**
 * `cem analyze` config. The analyzer also lists the `dispatchEvent(new XEvent(…))` calls and the private
 * `snapshot` state; the JSDoc @fires tags and public attributes are the source of truth, so keep only those.
 */
export default {
  globs: ['src/**/*.ts'],
  litelement: true,
  plugins: [
    {
      name: 'captchala-clean-manifest',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (!declaration.tagName) continue;
            declaration.events = declaration.events?.filter((event) => event.name?.startsWith('captchala-'));
            declaration.attributes = declaration.attributes?.filter(
              (attribute) => attribute.fieldName !== 'snapshot',
            );
            declaration.members = declaration.members?.filter((member) => member.name !== 'snapshot');
          }
        }
      },
    },
  ],
};
