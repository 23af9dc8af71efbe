// Type-checked, never run: by `pnpm typecheck` and types.test.ts (the sources, React 19 and 18 types), and by
// `pnpm --filter @captchala-kit/react typecheck:dist` (the built declarations, as installed: typetest-dist/).

import { Captchala, type CaptchalaWidget, useCaptchala, withCaptchalaToken } from '@captchala-kit/react';
import { createRef } from 'react';

export function BareTag() {
  const captchala = useCaptchala();
  return (
    <form>
      <captchala-widget
        ref={captchala.ref}
        class="captcha"
        app-key="your-app-key"
        action="signup"
        product="embed"
        theme="dark"
        token-ttl={120}
        refresh-margin="10"
        loading="visible"
        disabled
        loader-src="/captchala-loader.js"
        lang="ja"
        onClick={(event) => event.currentTarget.getToken()}
      />
      {/* @ts-expect-error product is popup, float, embed or bind */}
      <captchala-widget app-key="your-app-key" product="inline" />
      {/* @ts-expect-error loading is eager, visible or interaction */}
      <captchala-widget app-key="your-app-key" loading="lazy" />
      {/* @ts-expect-error the element owns its light DOM: no children */}
      <captchala-widget app-key="your-app-key">text</captchala-widget>
    </form>
  );
}

export function Component() {
  const ref = createRef<CaptchalaWidget>();
  return (
    <>
      <Captchala
        ref={ref}
        appKey="your-app-key"
        theme={{ custom: { color: '#0a7d55' } }}
        serverTokenProvider={async ({ action }) => ({ serverToken: `sct_${action}`, expiresIn: 300 })}
        onSuccess={(event) => event.detail.token.toUpperCase()}
        onError={(event) => event.detail.code}
        onStatusChange={(event) => event.detail.status}
        onChange={(event) => event.detail.expiresAt}
      />
      {/* @ts-expect-error appKey is a string */}
      <Captchala appKey={42} />
      {/* @ts-expect-error appKey is required */}
      <Captchala product="popup" />
      {/* @ts-expect-error tokenTtl is a number of seconds */}
      <Captchala appKey="your-app-key" tokenTtl="120" />
      {/* @ts-expect-error onSuccess hears a CaptchalaSuccessEvent, whose detail has no code */}
      <Captchala appKey="your-app-key" onSuccess={(event) => event.detail.code} />
      {/* @ts-expect-error the element renders no children */}
      <Captchala appKey="your-app-key">text</Captchala>
    </>
  );
}

export const onValid = withCaptchalaToken<{ email: string }>({
  getToken: () => Promise.resolve('pt_'),
  onValid: (values, token) => `${values.email} ${token}`,
});
