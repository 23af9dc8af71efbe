// For plain `tsc` (vue-tsc reads the `.vue` files themselves: `pnpm typecheck:vue`).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';

  const component: DefineComponent;
  export default component;
}
