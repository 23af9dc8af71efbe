// The status line speaks the language the SDK's UI speaks. The element resolves `lang` itself
// (`resolveUiLanguage`), the SDK on its own; the stand-in's SDK models CaptchaLa's rule (contract §2 `lang`).
// Each tag below goes to a real widget, and the stand-in's UI must land on the language the element picked.
import '@captchala-kit/element/define';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { resolveUiLanguage } from '../src/statusText';
import { fake, renderForm, standIn, status } from './helpers';

beforeEach(async () => {
  await standIn.reset();
});
afterEach(() => {
  document.body.replaceChildren();
});

const TAGS = [
  'en',
  'EN-gb',
  'ja-JP',
  'ko',
  'ms-MY',
  'vi',
  'id-ID',
  'zh',
  'zh-CN',
  'zh-SG',
  'zh-Hans-CN',
  'zh-TW',
  'zh-hk',
  'zh-MO',
  'zh-Hant',
  'zh-Hant-HK',
  'zh-twx', // not Taiwan: a subtag only starts with "tw"
  'zh-hantx',
  'fr',
  'xx-YY',
  'auto',
];

test.each(TAGS)('lang="%s": the SDK UI and the status line agree', async (lang) => {
  const { widget } = renderForm({ attrs: `app-key="test_pass" product="embed" lang="${lang}"` });
  await status(widget, 'ready');
  expect(fake('root')!.lang).toBe(resolveUiLanguage(lang, navigator.languages));
});
