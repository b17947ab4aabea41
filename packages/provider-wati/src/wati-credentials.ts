import { normalizeBearerToken } from '@switchboard/core';

/**
 * Checks the credentials a transport needs (after the factory filled them from the environment).
 * Messages name the option and its environment variable, never a value.
 */
export function credentialIssues(options: {
  transport: 'maton' | 'direct';
  apiKey?: string | undefined;
  token?: string | undefined;
  baseUrl?: string | undefined;
}): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const blank = (value: string | undefined) => value === undefined || normalizeBearerToken(value) === '';
  if (options.transport === 'maton') {
    if (blank(options.apiKey)) {
      issues.push({
        path: 'apiKey',
        message: "is required for transport 'maton': pass apiKey or set MATON_API_KEY",
      });
    }
  } else {
    if (blank(options.token)) {
      issues.push({
        path: 'token',
        message: "is required for transport 'direct': pass token or set WATI_API_TOKEN",
      });
    }
    if (options.baseUrl === undefined) {
      issues.push({
        path: 'baseUrl',
        message:
          "is required for transport 'direct': pass baseUrl or set WATI_API_URL to your tenant's API endpoint (WATI → API Docs, e.g. https://live-mt-server.wati.io/123456)",
      });
    }
  }
  return issues;
}

/** Options a `gateway` replaces: the gateway holds the credentials and the connection. */
export function gatewayIssues(options: {
  transport?: 'maton' | 'direct' | undefined;
  apiKey?: string | undefined;
  token?: string | undefined;
  connectionId?: string | undefined;
}): { path: string; message: string }[] {
  const replaced = ['transport', 'apiKey', 'token', 'connectionId'] as const;
  return replaced
    .filter((field) => options[field] !== undefined)
    .map((field) => ({
      path: field,
      message: 'is not used with gateway: the gateway holds the credentials; pass one or the other',
    }));
}
