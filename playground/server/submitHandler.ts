import {
  CaptchalaConfigError,
  CaptchalaHttpError,
  readCaptchalaToken,
  redactToken,
  type ValidationDiagnostic,
  type ValidationKind,
  type ValidationResult,
  type WebHandler,
} from '@captchala-kit/server';
import { TOKEN_FIELD } from '../shared/tokenField';
import type { PlaygroundClients } from './playgroundClients';
import { appKeyOf, type PlaygroundConfig } from './playgroundConfig';

/** What the playground's "site backend" answers for a form submission. */
export interface SubmitResult {
  ok: boolean;
  /** `@captchala-kit/server`'s verdict: `valid`, `invalid`, `misconfigured`, `unavailable`, `malformed`. */
  kind: ValidationKind | null;
  /** Why it was refused (`token_consumed`, `token_expired`, `payload_too_large`, …); null when valid. */
  reason: string | null;
  /** The submitted token's prefix and a few characters, never the whole token. */
  token: string | null;
  /** Every non-token field the form sent, so pages can show nothing was lost. */
  fields: Record<string, string>;
  /** The validation result (`data`) and its diagnostic record, as a site would log it. */
  validation: { data: ValidationResult; diagnostic: ValidationDiagnostic | undefined } | null;
}

export interface SubmitHandlerOptions {
  config: PlaygroundConfig;
  clients: PlaygroundClients;
}

const refused = (status: number, kind: ValidationKind | null, reason: string) =>
  Response.json(
    { ok: false, kind, reason, token: null, fields: {}, validation: null } satisfies SubmitResult,
    {
      status,
    },
  );

/** `POST /api/submit`: validates the submitted pass token with `@captchala-kit/server` and says what happened. */
export function createSubmitHandler(options: SubmitHandlerOptions): WebHandler {
  const { config, clients } = options;
  return async (request) => {
    let input: Awaited<ReturnType<typeof readCaptchalaToken>>;
    let client: ReturnType<PlaygroundClients['clientFor']>;
    try {
      input = await readCaptchalaToken(request, { field: TOKEN_FIELD });
      client = clients.clientFor(appKeyOf(config, request));
    } catch (error) {
      if (error instanceof CaptchalaHttpError) return refused(error.status, null, error.code);
      if (error instanceof CaptchalaConfigError) return refused(400, 'misconfigured', error.code);
      throw error;
    }
    const fields: Record<string, string> = {};
    for (const [name, value] of Object.entries(input.fields)) {
      if (name !== TOKEN_FIELD) fields[name] = String(value instanceof File ? value.name : value);
    }
    const result = await client.validate(input.token);
    const answer: SubmitResult = {
      ok: result.valid,
      kind: result.kind,
      reason: result.valid ? null : result.reason,
      token: typeof input.token === 'string' && input.token ? redactToken(input.token) : null,
      fields,
      validation: { data: result, diagnostic: clients.takeDiagnostic(result.requestId) },
    };
    return Response.json(answer, { status: result.valid ? 200 : 422 });
  };
}
