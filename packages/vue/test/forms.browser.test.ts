import type { CaptchalaWidget } from '@captchala-kit/element';
import { useForm } from 'vee-validate';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Component, createApp, defineComponent, h, reactive, withModifiers } from 'vue';
import { Captchala } from '../src/index';
import { fake, host, loaderSrc, standIn, status } from './helpers';

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  document.body.replaceChildren();
});

function mountForm(component: Component) {
  const root = host();
  const app = createApp(component);
  app.mount(root);
  return {
    app,
    widget: root.querySelector('captchala-widget') as CaptchalaWidget,
    button: root.querySelector('button')!,
  };
}

describe('native <form @submit.prevent> with FormData', () => {
  test('the token travels in FormData; two submits send two different tokens, both valid', async () => {
    const submissions: FormData[] = [];
    const onSubmit = (event: Event) => {
      submissions.push(new FormData(event.target as HTMLFormElement, (event as SubmitEvent).submitter));
    };
    const { widget, button, app } = mountForm(
      defineComponent(
        () => () =>
          h('form', { onSubmit: withModifiers(onSubmit, ['prevent']) }, [
            h('input', { name: 'email', value: 'ada@example.test' }),
            h(Captchala, { appKey: 'test_auto_pass', product: 'popup', loaderSrc }),
            h('button', { name: 'intent', value: 'send' }, 'Send'),
          ]),
      ),
    );
    await status(widget, 'ready');
    button.click();
    await expect.poll(() => submissions.length).toBe(1);
    button.click();
    await expect.poll(() => submissions.length).toBe(2);
    const [first, second] = submissions as [FormData, FormData];
    expect(first.get('captchala_token')).toMatch(/^pt_/);
    expect(second.get('captchala_token')).not.toBe(first.get('captchala_token'));
    expect([first.get('intent'), second.get('email')]).toEqual(['send', 'ada@example.test']);
    for (const body of submissions) {
      expect(await standIn.siteValidate({ appKey: 'test_auto_pass', body })).toMatchObject({ valid: true });
    }
    app.unmount();
  });
});

describe('v-model into a reactive form object', () => {
  test('the model holds the token while it is fresh and unused; the submission carries it and spends it', async () => {
    const form = reactive({ email: 'ada@example.test', captchala_token: '' });
    const sent: Array<Record<string, string>> = [];
    // Send the submission's token: the widget put it there (running a challenge first if it had none) and spent it.
    const onSubmit = (event: Event) => {
      const token = new FormData(event.target as HTMLFormElement).get('captchala_token');
      sent.push({ ...form, captchala_token: String(token) });
    };
    const { widget, button, app } = mountForm(
      defineComponent(
        () => () =>
          h('form', { onSubmit: withModifiers(onSubmit, ['prevent']) }, [
            h(Captchala, {
              appKey: 'test_pass',
              product: 'embed',
              loaderSrc,
              modelValue: form.captchala_token,
              'onUpdate:modelValue': (token: string) => {
                form.captchala_token = token;
              },
            }),
            h('button', 'Log in'),
          ]),
      ),
    );
    await status(widget, 'ready');
    fake('checkbox')!.click();
    await expect.poll(() => form.captchala_token).toMatch(/^pt_/);
    const held = form.captchala_token;
    button.click();
    expect(sent).toEqual([{ email: 'ada@example.test', captchala_token: held }]);
    await expect.poll(() => form.captchala_token).toBe('');
    expect(await standIn.siteValidate({ appKey: 'test_pass', body: sent[0]! })).toMatchObject({
      valid: true,
    });
    app.unmount();
  });
});

describe('VeeValidate', () => {
  /** The README's recipe: the token field is valid only while fresh; on submit, the submission's token counts. */
  function veeForm(props: Record<string, unknown>) {
    const sent: Array<Record<string, string>> = [];
    let form!: ReturnType<typeof useForm<{ email: string; captchala_token: string }>>;
    const component = defineComponent(() => {
      form = useForm({
        initialValues: { email: 'ada@example.test', captchala_token: '' },
        validationSchema: {
          email: (value: string) => /^\S+@\S+$/.test(value) || 'Enter your email address',
          captchala_token: (value: string) => Boolean(value) || 'Verify that you are human',
        },
      });
      const [token] = form.defineField('captchala_token');
      const send = form.handleSubmit((values) => {
        sent.push(values);
        form.resetField('captchala_token');
      });
      // The widget let this submission through only with a fresh token in it (holding it for a challenge when
      // it had none) and spent that token: validate and send the one submitted.
      const onSubmit = (event: Event) => {
        token.value = String(new FormData(event.target as HTMLFormElement).get('captchala_token') ?? '');
        return send(event);
      };
      return () =>
        h('form', { onSubmit }, [
          h(Captchala, {
            loaderSrc,
            ...props,
            modelValue: token.value,
            'onUpdate:modelValue': (value: string) => {
              token.value = value;
            },
          }),
          h('button', 'Log in'),
        ]);
    });
    return { ...mountForm(component), sent, form: () => form };
  }

  test('the token field is valid only while the token is fresh', async () => {
    const { widget, form, app } = veeForm({
      appKey: 'test_ttl_3',
      product: 'embed',
      tokenTtl: 3,
      refreshMargin: 1,
    });
    await status(widget, 'ready');
    fake('checkbox')!.click();
    await expect.poll(() => form().values.captchala_token).toMatch(/^pt_/);
    await expect.poll(() => form().meta.value.valid).toBe(true);
    await status(widget, 'expired', 3_000);
    await expect.poll(() => form().errors.value.captchala_token).toBe('Verify that you are human');
    expect(form().meta.value.valid).toBe(false);
    app.unmount();
  });

  test('submitting without a token: one challenge, then one valid submission; the field is reset', async () => {
    const { widget, button, sent, form, app } = veeForm({ appKey: 'test_pass~vee', product: 'popup' });
    await status(widget, 'ready');
    button.click();
    await expect.poll(() => fake('solve')).not.toBeNull();
    fake('solve')!.click();
    await expect.poll(() => sent.length).toBe(1);
    expect(sent[0]!.captchala_token).toMatch(/^pt_/);
    expect(await standIn.siteValidate({ appKey: 'test_pass~vee', body: sent[0]! })).toMatchObject({
      valid: true,
    });
    expect(form().values.captchala_token).toBe('');
    expect(form().errors.value).toEqual({});
    expect((await standIn.inspect()).challengeFetches['test_pass~vee']).toBe(2); // the preload, the re-init's
    app.unmount();
  });
});
