/**
 * True from source and in development builds (the `development` export condition, which Vite, webpack and
 * `node --conditions=development` pick in development); false in the production build, where what only
 * developers need — long error messages — is dropped. Never exported: a build-time switch.
 */
export const DEV: boolean = true;
