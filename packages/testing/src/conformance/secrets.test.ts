import { describe, expect, it } from 'vitest';
import { maskSecrets, secretForms } from './conformance-error.js';
import { findSecrets, scanText } from './secrets.js';

const SECRETS = { apiKey: 'sk_live "quoted" \\ key/+=', token: 'plain-token-0123456789' };

describe('findSecrets', () => {
  it('finds a secret as is, in a hidden field and in a cause', () => {
    const error = new Error('request failed', { cause: new Error(`token ${SECRETS.token} rejected`) });
    expect(findSecrets(error, SECRETS).map(({ secret }) => secret)).toEqual(['token']);
    const hidden = new Error('no secret here');
    Object.defineProperty(hidden, 'headers', { value: { authorization: `Bearer ${SECRETS.token}` } });
    expect(findSecrets(hidden, SECRETS).map(({ secret }) => secret)).toEqual(['token']);
  });

  it('finds a secret only present JSON-escaped (a JSON body kept as a string)', () => {
    const raw = { body: JSON.stringify({ key: SECRETS.apiKey }) };
    expect(JSON.stringify({ key: SECRETS.apiKey })).not.toContain(SECRETS.apiKey);
    expect(scanText(raw)).toContain(JSON.stringify(SECRETS.apiKey).slice(1, -1));
    expect(findSecrets(raw, SECRETS).map(({ secret }) => secret)).toEqual(['apiKey']);
  });

  it('finds a secret URL-encoded in a query string', () => {
    const event = { url: `https://api.example.com/v1?key=${encodeURIComponent(SECRETS.apiKey)}` };
    expect(findSecrets(event, SECRETS).map(({ secret }) => secret)).toEqual(['apiKey']);
  });

  it('finds a secret in base64, alone or after other bytes (Basic auth)', () => {
    for (const user of ['', 'a', 'ab', 'abc']) {
      const basic = `Basic ${Buffer.from(`${user}:${SECRETS.token}`).toString('base64')}`;
      expect(findSecrets({ headers: { authorization: basic } }, SECRETS), user).toHaveLength(1);
    }
  });

  it('finds a secret in bytes and in Headers', () => {
    expect(findSecrets({ raw: new TextEncoder().encode(`x${SECRETS.token}x`) }, SECRETS)).toHaveLength(1);
    expect(findSecrets(new Headers({ authorization: `Bearer ${SECRETS.token}` }), SECRETS)).toHaveLength(1);
  });

  it('finds nothing in redacted data, and masks what it reports', () => {
    expect(findSecrets({ authorization: 'Bearer [REDACTED]', to: '14155550100' }, SECRETS)).toEqual([]);
    const [finding] = findSecrets({ note: `key=${SECRETS.token}` }, SECRETS);
    expect(finding?.excerpt).toContain('key=<secrets.token>');
    expect(finding?.excerpt).not.toContain(SECRETS.token);
  });

  it('survives circular values and throwing toJSON', () => {
    const circular: Record<string, unknown> = { token: SECRETS.token };
    circular.self = circular;
    const throwing = {
      toJSON: () => {
        throw new Error('nope');
      },
      secret: SECRETS.token,
    };
    expect(findSecrets(circular, SECRETS)).toHaveLength(1);
    expect(findSecrets(throwing, SECRETS)).toHaveLength(1);
  });
});

describe('secretForms and maskSecrets', () => {
  it('lists each form once, none shorter than 8 characters', () => {
    const forms = secretForms('abcdefgh');
    expect(new Set(forms).size).toBe(forms.length);
    expect(forms.every((form) => form.length >= 8)).toBe(true);
  });

  it('masks every form', () => {
    const text = `${SECRETS.token} ${encodeURIComponent(SECRETS.apiKey)} ${JSON.stringify(SECRETS.apiKey)}`;
    expect(maskSecrets(text, SECRETS)).toBe('<secrets.token> <secrets.apiKey> "<secrets.apiKey>"');
  });
});
