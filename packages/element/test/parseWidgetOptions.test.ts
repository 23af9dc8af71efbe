import { describe, expect, test } from 'vitest';
import { CaptchalaError, DEFAULTS } from '../src/index';
import { parseWidgetOptions } from '../src/options';

const base = { appKey: 'test_pass' };

describe('parseWidgetOptions: every setting parsed in one place', () => {
  test('defaults come from DEFAULTS; attribute strings become numbers', () => {
    const parsed = parseWidgetOptions({ ...base, tokenTtl: '90', refreshMargin: '5' });
    expect(parsed).not.toBeInstanceOf(CaptchalaError);
    expect(parsed).toMatchObject({
      loading: DEFAULTS.loading,
      controller: {
        appKey: 'test_pass',
        action: DEFAULTS.action,
        product: DEFAULTS.product,
        tokenTtl: 90,
        refreshMargin: 5,
      },
    });
    expect(parseWidgetOptions({ ...base, tokenTtl: '', refreshMargin: null })).toMatchObject({
      controller: { tokenTtl: DEFAULTS.tokenTtl, refreshMargin: DEFAULTS.refreshMargin },
    });
  });

  test.each([
    ['no app key', { appKey: '  ' }, 'missing_app_key', /app-key/],
    [
      'an unknown product',
      { ...base, product: 'inline' },
      'invalid_product',
      /"inline".*popup, float, embed or bind/,
    ],
    ['token-ttl="abc"', { ...base, tokenTtl: 'abc' }, 'invalid_token_ttl', /"abc"/],
    ['token-ttl="-5"', { ...base, tokenTtl: '-5' }, 'invalid_token_ttl', /at least 1/],
    ['token-ttl="0"', { ...base, tokenTtl: 0 }, 'invalid_token_ttl', /at least 1/],
    ['token-ttl=NaN', { ...base, tokenTtl: Number.NaN }, 'invalid_token_ttl', /NaN/],
    ['token-ttl="1e3"', { ...base, tokenTtl: '1e3' }, 'invalid_token_ttl', /1e3/],
    ['refresh-margin="-50"', { ...base, refreshMargin: '-50' }, 'invalid_refresh_margin', /"-50"/],
    [
      'refresh-margin ≥ token-ttl',
      { ...base, tokenTtl: 30, refreshMargin: 30 },
      'invalid_refresh_margin',
      /less than token-ttl \(30\)/,
    ],
    ['an unknown loading', { ...base, loading: 'lazy' }, 'invalid_loading', /eager, visible or interaction/],
    ['malformed theme JSON', { ...base, theme: '{"custom":' }, 'invalid_theme', /not valid JSON/],
    [
      'a theme that is not an object',
      { ...base, theme: '{"custom": 5}' },
      'invalid_theme',
      /not a theme object/,
    ],
  ])('%s → %s, never a silent default or NaN', (_name, input, code, message) => {
    const parsed = parseWidgetOptions(input);
    expect(parsed).toBeInstanceOf(CaptchalaError);
    expect(parsed).toMatchObject({ code, message: expect.stringMatching(message) });
  });

  test('themes: a preset, a JSON string and an object', () => {
    expect(parseWidgetOptions({ ...base, theme: 'dark' })).toMatchObject({ controller: { theme: 'dark' } });
    expect(parseWidgetOptions({ ...base, theme: '{"custom":{"color":"#fff"}}' })).toMatchObject({
      controller: { theme: { custom: { color: '#fff' } } },
    });
    expect(parseWidgetOptions({ ...base, theme: { custom: { radius: '4px' } } })).toMatchObject({
      controller: { theme: { custom: { radius: '4px' } } },
    });
  });
});

describe('messages name a setting as its user wrote it', () => {
  test.each([
    [{ appKey: '' }, /app-key attribute/, /appKey/],
    [{ ...base, tokenTtl: 'abc' }, /^token-ttl="abc"/, /^tokenTtl="abc"/],
    [
      { ...base, tokenTtl: 30, refreshMargin: 30 },
      /^refresh-margin=.*less than token-ttl/,
      /^refreshMargin=.*less than tokenTtl/,
    ],
    [{ ...base, loaderSrc: 'x', product: 'inline' }, /^product="inline"/, /^product="inline"/],
  ])('%o: the element by attribute, React and Vue by prop', (input, byAttribute, byProperty) => {
    const asAttribute = parseWidgetOptions(input) as CaptchalaError;
    const asProperty = parseWidgetOptions(input, '', 'property') as CaptchalaError;
    expect(asAttribute.message).toMatch(byAttribute);
    expect(asProperty.message).toMatch(byProperty);
    expect(asProperty.message).not.toMatch(/app-key|token-ttl|refresh-margin/);
  });
});
