import type { CloudEmulatorPhoneNumber } from './cloud-emulator-types.js';
import { paginate } from './graph-paging.js';
import {
  type CloudEmulatorContext,
  type GraphRequest,
  graphJson,
  pickFields,
  requestedFields,
} from './graph-request.js';

const PHONE_NODE = 'WhatsAppBusinessPhoneNumber';
const PHONE_FIELDS = [
  'id',
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'code_verification_status',
  'platform_type',
  'throughput',
  'name_status',
  'status',
  'messaging_limit_tier',
  'account_mode',
  'is_official_business_account',
];
/** A sandbox number's answer without `fields`. */
const PHONE_DEFAULT_FIELDS = [
  'verified_name',
  'code_verification_status',
  'display_phone_number',
  'quality_rating',
  'platform_type',
  'throughput',
  'id',
];
/** The WABA edge lists fewer fields by default (Meta's example). */
const PHONE_LIST_DEFAULT_FIELDS = ['verified_name', 'display_phone_number', 'id', 'quality_rating'];

const WABA_NODE = 'WhatsAppBusinessAccount';
const WABA_FIELDS = [
  'id',
  'name',
  'currency',
  'timezone_id',
  'message_template_namespace',
  'account_review_status',
];
const WABA_DEFAULT_FIELDS = ['id', 'name', 'timezone_id', 'message_template_namespace'];

function phoneView(phone: CloudEmulatorPhoneNumber): Record<string, unknown> {
  return {
    id: phone.id,
    display_phone_number: phone.displayPhoneNumber,
    verified_name: phone.verifiedName,
    quality_rating: 'GREEN',
    code_verification_status: 'VERIFIED',
    platform_type: 'CLOUD_API',
    throughput: { level: 'STANDARD' },
    name_status: 'APPROVED',
    status: 'CONNECTED',
    messaging_limit_tier: 'TIER_1K',
    account_mode: 'LIVE',
    is_official_business_account: false,
  };
}

function withId(fields: string[]): string[] {
  // Graph always includes the node id.
  return fields.includes('id') ? fields : [...fields, 'id'];
}

/** `GET /{phone-number-id}` with optional `fields`. */
export function getPhoneNumber(req: GraphRequest, phone: CloudEmulatorPhoneNumber): Response {
  const fields = withId(requestedFields(req.url, PHONE_FIELDS, PHONE_DEFAULT_FIELDS, PHONE_NODE));
  return graphJson(pickFields(phoneView(phone), fields));
}

/** `GET /{waba-id}/phone_numbers` with optional `fields`, `limit`, `after`, `before`. */
export function listPhoneNumbers(ctx: CloudEmulatorContext, req: GraphRequest): Response {
  const fields = withId(requestedFields(req.url, PHONE_FIELDS, PHONE_LIST_DEFAULT_FIELDS, PHONE_NODE));
  const page = paginate(ctx.store.phoneNumbers, req.url, (phone) => phone.id);
  return graphJson({ ...page, data: page.data.map((phone) => pickFields(phoneView(phone), fields)) });
}

/** `GET /{waba-id}` with optional `fields`. */
export function getBusinessAccount(ctx: CloudEmulatorContext, req: GraphRequest): Response {
  const fields = withId(requestedFields(req.url, WABA_FIELDS, WABA_DEFAULT_FIELDS, WABA_NODE));
  const view = {
    id: ctx.store.businessAccountId,
    name: ctx.store.phoneNumbers[0]?.verifiedName,
    currency: 'USD',
    timezone_id: '1',
    message_template_namespace: 'c8ae5f90_307a_ca4c_b8f6_d1e2a2573574',
    account_review_status: 'APPROVED',
  };
  return graphJson(pickFields(view, fields));
}
