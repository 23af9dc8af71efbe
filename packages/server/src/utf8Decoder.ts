/**
 * Decodes UTF-8 and throws on malformed bytes. One instance serves every call: `decode()` without `{stream: true}`
 * starts afresh each time.
 */
export const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
