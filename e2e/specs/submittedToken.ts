import type { Request } from '@playwright/test';

/** The pass token a multipart form submission (the playground's `/api/submit`) carried. */
export async function submittedToken(request: Request): Promise<string> {
  const body = new Response(new Uint8Array(request.postDataBuffer() ?? []), { headers: request.headers() });
  return String((await body.formData()).get('captchala_token'));
}
