import { ctaUrlAndLocationRequest } from './meta-interactive-fixes.js';
import {
  baseMessageProperties,
  businessProfileLimits,
  closedMessageTypes,
  contactPhoneTypeAndName,
  locationCoordinatesNumbers,
  markReadAndTyping,
  reactionRequiredFields,
  textBodyLength,
} from './meta-message-fixes.js';
import {
  discriminatorsAsConditions,
  languagePolicyOptional,
  namedTemplateParameters,
  templateButtonComponents,
} from './meta-template-fixes.js';
import type { SchemaMap } from './schema-nodes.js';

/** One correction applied to Meta's schemas when the emulator loads them. */
export interface MetaOpenApiFix {
  /** Stable identifier, e.g. `language-policy-optional`. */
  readonly id: string;
  /** What is wrong in Meta's file and what the fix changes, with the source that proves the defect. */
  readonly summary: string;
  /**
   * Mutates the schema map in place. Throws when the defect it fixes is no longer there as it was (the
   * node moved, or Meta fixed it), so a new version of the file cannot be patched blindly.
   */
  apply(schemas: SchemaMap): void;
}

/**
 * The defects of Meta's `business-messaging-api_v23.0.yaml` (https://github.com/facebook/openapi, commit ecba623)
 * that make it reject valid requests or accept invalid ones, and how the emulator corrects them at load time.
 * Applied in this order.
 *
 * Each fix's `summary` states the defect and its evidence (Meta's own request examples and documentation on
 * developers.facebook.com).
 *
 * @example
 * ```ts
 * import { META_OPENAPI_FIXES } from '@switchboard/testing';
 * console.log(META_OPENAPI_FIXES.map((fix) => `${fix.id}: ${fix.summary}`).join('\n'));
 * ```
 */
export const META_OPENAPI_FIXES: readonly MetaOpenApiFix[] = Object.freeze([
  templateButtonComponents,
  discriminatorsAsConditions,
  closedMessageTypes,
  languagePolicyOptional,
  baseMessageProperties,
  namedTemplateParameters,
  textBodyLength,
  locationCoordinatesNumbers,
  contactPhoneTypeAndName,
  reactionRequiredFields,
  markReadAndTyping,
  businessProfileLimits,
  ctaUrlAndLocationRequest,
]);

/** Applies every fix of {@link META_OPENAPI_FIXES} to `schemas`, in order, naming the one that fails. */
export function applyMetaOpenApiFixes(schemas: SchemaMap): void {
  for (const fix of META_OPENAPI_FIXES) {
    try {
      fix.apply(schemas);
    } catch (error) {
      throw new Error(`Meta OpenAPI fix "${fix.id}" no longer applies to the vendored file`, {
        cause: error,
      });
    }
  }
}
