// Type tests (Vitest typecheck, never run): `pnpm test:unit` checks them with React 19's types (the `unit`
// project) and React 18's (`unit-react18`); `pnpm --filter @captchala-kit/react typecheck:dist` checks them against
// the built declarations, as installed (typetest-dist/). Each @ts-expect-error must meet its error: a typing that
// lets a wrong prop through fails the test it sits in.

import {
  Captchala,
  type CaptchalaProps,
  type CaptchalaSuccessEvent,
  type CaptchalaWidget,
  useCaptchala,
  withCaptchalaToken,
} from '@captchala-kit/react';
import type * as React from 'react';
import { type ComponentProps, createRef } from 'react';
import { describe, expectTypeOf, test } from 'vitest';

/** The @types/react this program resolved: 19 exports `use`, 18 does not. */
type ResolvedReactMajor = typeof React extends { use: unknown } ? 19 : 18;

test('the program checks against the React types its project names', () => {
  // ExpectedReactMajor: test/expectedReact.d.ts (19), typetest-react18/expectedReact.d.ts (18).
  expectTypeOf<ResolvedReactMajor>().toEqualTypeOf<ExpectedReactMajor>();
});

/** A bare tag with every attribute, a hook's ref and a handler that reads the element. */
function BareTag() {
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
        onClick={(event) => {
          expectTypeOf(event.currentTarget).not.toBeAny();
          expectTypeOf(event.currentTarget).toExtend<CaptchalaWidget>();
          return event.currentTarget.getToken();
        }}
      />
    </form>
  );
}

describe('<captchala-widget> in JSX', () => {
  test('takes the attributes and an element ref', () => {
    expectTypeOf(BareTag).returns.toExtend<React.ReactNode>();
  });

  test('rejects values outside the attribute types, and children', () => {
    <>
      {/* @ts-expect-error product is popup, float, embed or bind */}
      <captchala-widget app-key="your-app-key" product="inline" />
      {/* @ts-expect-error loading is eager, visible or interaction */}
      <captchala-widget app-key="your-app-key" loading="lazy" />
      {/* @ts-expect-error the element owns its light DOM: no children */}
      <captchala-widget app-key="your-app-key">text</captchala-widget>
    </>;
  });
});

describe('<Captchala>', () => {
  test('takes the options as props, its event props hear typed events, and a ref reaches the element', () => {
    const ref = createRef<CaptchalaWidget>();
    <Captchala
      ref={ref}
      appKey="your-app-key"
      theme={{ custom: { color: '#0a7d55' } }}
      serverTokenProvider={async ({ action }) => ({ serverToken: `sct_${action}`, expiresIn: 300 })}
      onSuccess={(event) => event.detail.token.toUpperCase()}
      onError={(event) => event.detail.code}
      onStatusChange={(event) => event.detail.status}
      onChange={(event) => event.detail.expiresAt}
    />;
    expectTypeOf<CaptchalaProps['appKey']>().toEqualTypeOf<string>();
    expectTypeOf<ComponentProps<typeof Captchala>>().toHaveProperty('appKey').toEqualTypeOf<string>();
    expectTypeOf<NonNullable<CaptchalaProps['onSuccess']>>()
      .parameter(0)
      .toEqualTypeOf<CaptchalaSuccessEvent>();
    expectTypeOf<CaptchalaSuccessEvent['detail']['token']>().toEqualTypeOf<string>();
  });

  test('rejects wrong and missing props, and children', () => {
    <>
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
    </>;
  });
});

test('withCaptchalaToken passes the form values and the token to onValid', () => {
  const onValid = withCaptchalaToken<{ email: string }>({
    getToken: () => Promise.resolve('pt_'),
    onValid: (values, token) => {
      expectTypeOf(values).toEqualTypeOf<{ email: string }>();
      expectTypeOf(token).toEqualTypeOf<string>();
      return `${values.email} ${token}`;
    },
  });
  expectTypeOf(onValid).parameter(0).toEqualTypeOf<{ email: string }>();
  expectTypeOf(onValid).returns.resolves.toBeVoid();
});
