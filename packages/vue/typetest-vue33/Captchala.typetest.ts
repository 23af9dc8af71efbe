// The built declarations against Vue 3.3's types (tsconfig.json here). Each @ts-expect-error must meet its
// error: a declaration that lets a wrong value through, or that Vue 3.3 cannot read, fails here.
import * as vue from 'vue';
import { Captchala, CaptchalaPlugin, type CaptchalaStatus, useCaptchala } from '../dist/index.js';

const { createApp, h } = vue;

// @ts-expect-error Vue 3.3's types are in use, not the workspace's 3.5 (which has useTemplateRef)
vue.useTemplateRef;

// Props and emits, as h() checks them.
h(Captchala, {
  appKey: 'key',
  product: 'embed',
  tokenTtl: 60,
  refreshMargin: '5',
  theme: { custom: { color: '#0055ff' } },
  serverTokenProvider: async () => 'sct_x',
  disabled: true,
  modelValue: '',
  'onUpdate:modelValue': (token: string) => token.length,
  onSuccess: (detail) => detail.token,
  onError: (error) => error.code,
  onStatus: ({ status }) => status === 'verified',
});
// @ts-expect-error there is no such product
h(Captchala, { appKey: 'key', product: 'inline' });
// @ts-expect-error token-ttl takes seconds, as a number or a string
h(Captchala, { appKey: 'key', tokenTtl: { seconds: 60 } });
// @ts-expect-error a success handler gets the detail, not a string
h(Captchala, { appKey: 'key', onSuccess: (detail: string) => detail });

// What a template ref to it gives.
export async function exposed(widget: InstanceType<typeof Captchala>): Promise<string> {
  const element: HTMLElement | null = widget.element;
  await widget.reset();
  // @ts-expect-error only element, getToken and reset are exposed
  widget.widget();
  return element ? widget.getToken({ timeoutMs: 1000 }) : '';
}

// The composable and the plugin.
export const status: CaptchalaStatus = useCaptchala().status.value;
createApp({}).use(CaptchalaPlugin, { appKey: 'key', lang: 'ja' });
// @ts-expect-error app-wide defaults are props: the app key is a string
createApp({}).use(CaptchalaPlugin, { appKey: 42 });
