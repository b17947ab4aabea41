import { describe, expect, it } from 'vitest';
import { chars, parseValid, rejectedPaths } from './__fixtures__/validation.js';
import {
  type BulkRequest,
  type BulkResult,
  bulkRequestSchema,
  bulkResultSchema,
  type SendResult,
  sendResultSchema,
} from './send-result.js';

describe('sendResultSchema', () => {
  const result = {
    id: 'wamid.HBgLMTQxNTU1NTEyMzQVAgARGBI',
    provider: 'whatsapp-cloud',
    to: '14155551234',
    status: 'accepted',
    providerIds: { wamid: 'wamid.HBgLMTQxNTU1NTEyMzQVAgARGBI' },
    raw: { messaging_product: 'whatsapp', messages: [{ id: 'wamid.HBgLMTQxNTU1NTEyMzQVAgARGBI' }] },
  } satisfies SendResult;

  it('accepts a result with provider ids and the raw response', () => {
    expect(sendResultSchema.parse(result)).toEqual(result);
  });

  it('accepts a result without providerIds', () => {
    const { providerIds: _ids, ...withoutIds } = result;
    expect(sendResultSchema.parse(withoutIds)).toEqual(withoutIds);
  });

  it.each([
    ['status', { status: 'sent' }],
    ['id', { id: undefined }],
    ['provider', { provider: 1 }],
    ['providerIds.wamid', { providerIds: { wamid: 42 } }],
    ['', { extra: true }],
  ])('rejects an invalid %s', (path, override) => {
    expect(rejectedPaths(sendResultSchema, { ...result, ...override })).toEqual([path]);
  });
});

describe('bulkRequestSchema', () => {
  const request = {
    template: { name: 'spring_sale', language: 'en' },
    campaign: 'Spring sale 2025',
    recipients: [
      { to: '+1 (415) 555-1234', parameters: ['Ada'] },
      { to: '0044 20 7946 0958', parameters: { first_name: 'Grace' } },
      { to: '4915112345678' },
    ],
  } satisfies BulkRequest;

  it('normalizes every recipient and keeps their order and parameters', () => {
    expect(parseValid(bulkRequestSchema, request)).toEqual({
      ...request,
      recipients: [
        { to: '14155551234', parameters: ['Ada'] },
        { to: '442079460958', parameters: { first_name: 'Grace' } },
        { to: '4915112345678' },
      ],
    });
  });

  it('requires at least one recipient', () => {
    expect(rejectedPaths(bulkRequestSchema, { ...request, recipients: [] })).toEqual(['recipients']);
  });

  it('keeps a business-scoped user id (or parent BSUID) as written, without surrounding spaces', () => {
    const recipients = [{ to: ' US.13491208655302741918 ' }, { to: 'US.ENT.11815799212886844830' }];
    expect(parseValid(bulkRequestSchema, { ...request, recipients }).recipients).toEqual([
      { to: 'US.13491208655302741918' },
      { to: 'US.ENT.11815799212886844830' },
    ]);
  });

  it.each([
    ['recipients.1.to', { recipients: [{ to: '+14155551234' }, { to: '020 7946 0958' }] }],
    ['recipients.0.to', { recipients: [{ to: 'US.1349-1208' }] }],
    ['recipients.0.parameters.1', { recipients: [{ to: '+14155551234', parameters: ['a', ''] }] }],
    ['recipients.0.parameters.name', { recipients: [{ to: '+14155551234', parameters: { name: '' } }] }],
    ['recipients.0', { recipients: [{ to: '+14155551234', name: 'Ada' }] }],
    ['template.name', { template: { name: 'Spring Sale', language: 'en' } }],
    ['template.language', { template: { name: 'spring_sale', language: 'english' } }],
    ['template', { template: { name: 'spring_sale', language: 'en', parameters: ['x'] } }],
    ['campaign', { campaign: chars(201) }],
    ['campaign', { campaign: '' }],
    ['', { broadcastName: 'Spring sale 2025' }],
  ])('rejects an invalid %s', (path, override) => {
    expect(rejectedPaths(bulkRequestSchema, { ...request, ...override })).toEqual([path]);
  });
});

describe('bulkResultSchema', () => {
  const result = {
    results: [
      { to: '14155551234', ok: true, id: 'wamid.1' },
      {
        to: '442079460958',
        ok: false,
        error: {
          code: 'session_window_closed',
          message: 'Re-engagement message',
          retryable: false,
          providerCode: 131047,
          status: 400,
        },
      },
      {
        to: '4915112345678',
        ok: false,
        error: { code: 'rate_limited', message: 'Too many', retryable: true },
      },
    ],
  } satisfies BulkResult;

  it('accepts successes and failures in recipient order', () => {
    expect(bulkResultSchema.parse(result)).toEqual(result);
  });

  it('accepts an empty result list', () => {
    expect(bulkResultSchema.parse({ results: [] })).toEqual({ results: [] });
  });

  it.each([
    ['results.0.error.code', { to: '1', ok: false, error: { code: 'boom', message: 'x', retryable: false } }],
    ['results.0.error.retryable', { to: '1', ok: false, error: { code: 'unknown', message: 'x' } }],
    [
      'results.0.error',
      { to: '1', ok: false, error: { code: 'unknown', message: 'x', retryable: false, stack: 's' } },
    ],
    ['results.0.ok', { to: '1', ok: 'yes' }],
  ])('rejects an invalid %s', (path, entry) => {
    expect(rejectedPaths(bulkResultSchema, { results: [entry] })).toEqual([path]);
  });
});
