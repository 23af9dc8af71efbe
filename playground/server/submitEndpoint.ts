import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Plugin } from 'vite';
import type { PlaygroundConfig } from './playgroundConfig';

/** What the playground's "site backend" answers for a form submission. */
export interface SubmitResult {
  ok: boolean;
  /** The provider's reason when the token was rejected (`token_consumed`, `token_expired`, …). */
  reason: string | null;
  token: string | null;
  /** Every non-token field the form sent, so pages can show nothing was lost. */
  fields: Record<string, string>;
  validation: unknown;
}

export interface SubmitEndpointOptions {
  config: PlaygroundConfig;
  /** Form field carrying the pass token. */
  tokenField?: string;
}

async function readForm(req: IncomingMessage, origin: string): Promise<FormData> {
  const request = new Request(new URL(req.url ?? '/', origin), {
    method: 'POST',
    headers: req.headers as Record<string, string>,
    body: Readable.toWeb(req) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    const json = (await request.json()) as Record<string, unknown>;
    const form = new FormData();
    for (const [key, value] of Object.entries(json)) form.append(key, String(value));
    return form;
  }
  return request.formData();
}

async function validate(
  config: PlaygroundConfig,
  origin: string,
  token: string,
  appKey: string,
): Promise<unknown> {
  const response = await fetch(`${config.apiBase(origin)}/v1/validate`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-app-key': appKey,
      'x-app-secret': config.appSecret,
    },
    body: JSON.stringify({ pass_token: token, keep_token: false }),
  });
  return response.json();
}

function reasonOf(validation: unknown): string | null {
  const body = validation as {
    code?: number;
    msg?: string;
    data?: { valid?: boolean; error?: string } | null;
  };
  if (body?.code === 0 && body.data?.valid === true) return null;
  return body?.data?.error || body?.msg || 'unknown_error';
}

async function handleSubmit(req: IncomingMessage, res: ServerResponse, options: SubmitEndpointOptions) {
  const origin = `http://${req.headers.host}`;
  const form = await readForm(req, origin);
  const tokenField = options.tokenField ?? 'captchala_token';
  const token = form.get(tokenField);
  const fields: Record<string, string> = {};
  for (const [key, value] of form) if (key !== tokenField) fields[key] = String(value);
  let result: SubmitResult;
  if (typeof token !== 'string' || token === '') {
    result = { ok: false, reason: 'empty_token', token: null, fields, validation: null };
  } else {
    // Offline, a page may name the stand-in test key it used (they share one secret); live, it is always yours.
    const requested = new URL(req.url ?? '/', origin).searchParams.get('app_key');
    const appKey = options.config.mode === 'offline' && requested ? requested : options.config.appKey;
    const validation = await validate(options.config, origin, token, appKey);
    const reason = reasonOf(validation);
    result = { ok: reason === null, reason, token, fields, validation };
  }
  res.statusCode = result.ok ? 200 : 422;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(result));
}

/** `POST /api/submit`: the playground's site backend, validating the submitted pass token with CaptchaLa. */
export function submitEndpoint(options: SubmitEndpointOptions): Plugin {
  return {
    name: 'captchala-playground-submit',
    configureServer(server) {
      server.middlewares.use('/api/submit', (req, res, next) => {
        if (req.method !== 'POST') return next();
        handleSubmit(req, res, options).catch((error: unknown) => {
          res.statusCode = 502;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ ok: false, reason: 'request_failed', message: String(error) }));
        });
      });
    },
  };
}
