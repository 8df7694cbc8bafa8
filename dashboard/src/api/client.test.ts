import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, parseProblem, setCsrfToken, setUnauthenticatedHandler } from './client';

function problem(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

describe('API client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it('turns problem+json into an error with a message per field', async () => {
    const p = await parseProblem(problem(422, {
      type: 'about:blank', title: 'Unprocessable', status: 422, code: 'validation_failed', detail: 'Invalid request.',
      errors: [{ field: 'email', message: 'must be an email' }, { field: 'lineItems[1].quantity', message: 'must be > 0' },
        { field: 'email', message: 'second message' }],
    }));
    const e = new ApiError(p);
    expect(e.status).toBe(422);
    expect(e.code).toBe('validation_failed');
    expect(e.message).toBe('Invalid request.');
    expect(e.fieldErrors).toEqual({ email: 'must be an email', 'lineItems[1].quantity': 'must be > 0' });
  });

  it('copes with a body that is not a problem', async () => {
    const p = await parseProblem(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }));
    expect(new ApiError(p).message).toBe('Bad Gateway');
  });

  it('sends the CSRF token and an idempotency key on writes, not on reads, and reports an ended session', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return url.includes('expired') ? problem(401, { status: 401, code: 'unauthenticated' }) : new Response('{"ok":true}', { status: 200 });
    });
    setCsrfToken('csrf-123');
    await api.get('/v1/invoices');
    await api.post('/v1/invoices', { customerId: 'cus_1' });
    const [read, write] = calls;
    expect((read!.init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    expect((write!.init.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-123');
    expect((write!.init.headers as Record<string, string>)['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(write!.init.credentials).toBe('same-origin');

    const ended = vi.fn();
    setUnauthenticatedHandler(ended);
    await expect(api.get('/v1/expired')).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledOnce();
    await expect(api.post('/v1/expired', {}, { anonymous: true })).rejects.toMatchObject({ status: 401 });
    expect(ended).toHaveBeenCalledOnce();
  });
});
