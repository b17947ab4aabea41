import { normalizeBearerToken } from '@switchboard/core';

/**
 * Checks the credentials a transport needs. Messages name the option and its environment
 * variable, never a value.
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
