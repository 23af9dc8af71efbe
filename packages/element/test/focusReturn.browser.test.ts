import '@captchala-kit/element/define';
import { afterEach, describe, expect, test } from 'vitest';
import { commands, server } from 'vitest/browser';
import { allowLoaderOrigins, type CaptchalaWidget } from '../src/index';
import { recordSubmissions, render, status } from './helpers';

// An SDK whose challenge dialog lives inside the widget's container (or, with data-dialog="body", appends to
// <body>), operated here by keyboard only.
const dialogSdk = new URL('./fixtures/dialogSdk.js', import.meta.url).href;
allowLoaderOrigins([dialogSdk]);

afterEach(() => {
  document.body.replaceChildren();
});

const sdk = (selector: string) => document.querySelector<HTMLElement>(`[data-sdk="${selector}"]`);

function renderForm(wrapper: string) {
  const rendered = render(`<div ${wrapper}><form action="/never" method="post">
      <input name="email" value="ada@example.test" />
      <captchala-widget loader-src="${dialogSdk}" app-key="site_key" product="popup"></captchala-widget>
      <button name="intent" value="publish">Publish</button>
    </form></div>`);
  const submit = rendered.form.querySelector<HTMLButtonElement>('button[name="intent"]')!;
  return { ...rendered, submit, submissions: recordSubmissions(rendered.form) };
}

/** The form is submitted by keyboard from its submit button: the SDK's dialog opens with Verify focused. */
async function submittedByKeyboard(wrapper: string) {
  const rendered = renderForm(wrapper);
  await status(rendered.widget, 'ready');
  rendered.submit.focus();
  await commands.pressKey('Enter');
  await expect.poll(() => document.activeElement).toBe(sdk('solve'));
  return rendered;
}

const dialogIn = (widget: CaptchalaWidget) => (widget.contains(sdk('dialog')) ? 'container' : 'body');

// Firefox over WebDriver BiDi never activates a focused <button> from a key press (scripts/engines/README.md).
describe.skipIf(server.browser === 'firefox')(
  'focus after a keyboard challenge, wherever the SDK puts it',
  () => {
    test.each([
      ['in the widget', ''],
      ['appended to <body>', 'data-dialog="body"'],
    ])('dialog %s: solved by keyboard, focus goes back to the submit button', async (where, wrapper) => {
      const { widget, submit, submissions } = await submittedByKeyboard(wrapper);
      expect(dialogIn(widget)).toBe(where === 'in the widget' ? 'container' : 'body');
      // The key press lands on the dialog's own Verify button: it is not where focus returns (the SDK removes it).
      await commands.pressKey('Enter');
      await expect.poll(() => submissions.length).toBe(1);
      expect(sdk('dialog')).toBeNull();
      await expect.poll(() => document.activeElement).toBe(submit);
    });

    test.each([
      ['in the widget', ''],
      ['appended to <body>', 'data-dialog="body"'],
    ])(
      'dialog %s: Escape closes it, nothing is submitted, focus goes back to the submit button',
      async (_, wrapper) => {
        const { submit, submissions } = await submittedByKeyboard(wrapper);
        await commands.pressKey('Escape');
        await expect.poll(() => sdk('dialog')).toBeNull();
        await expect.poll(() => document.activeElement).toBe(submit);
        expect(submissions).toHaveLength(0);
      },
    );

    test("the SDK's own trigger, by keyboard, with the dialog in the widget: focus comes back to the trigger", async () => {
      const { widget } = renderForm('');
      await status(widget, 'ready');
      const trigger = sdk('trigger')!;
      trigger.focus();
      await commands.pressKey('Enter');
      await expect.poll(() => document.activeElement).toBe(sdk('solve'));
      await commands.pressKey('Enter');
      await status(widget, 'verified');
      await expect.poll(() => document.activeElement).toBe(trigger);
    });

    test('the origin went away and the widget has no control of its own: focus lands on the widget, never <body>', async () => {
      const { widget, submit } = await submittedByKeyboard('data-trigger="none"');
      // The page re-renders its form mid-challenge: the submit button is gone.
      submit.remove();
      await commands.pressKey('Escape');
      await expect.poll(() => document.activeElement).toBe(widget);
      expect(widget.tabIndex).toBe(-1);
      // It is no tab stop: leaving gives the attribute back.
      widget.blur();
      expect(widget.hasAttribute('tabindex')).toBe(false);
    });
  },
);
