import { graphErrors } from './graph-error.js';

type Json = Record<string, unknown>;

/** Meta's cap on the products of a multi-product message, across sections (the schema caps each section). */
const MAX_PRODUCT_ITEMS = 30;

/**
 * What each newer interactive type requires beyond Meta's schema, which checks the action object
 * against any of its shapes, not the one the type needs: `cta_url`, `location_request_message`,
 * `product`, `product_list` and `flow`, as Meta's message references describe them.
 */
export function checkInteractiveType(interactive: Json): void {
  const type = interactive.type as string;
  const action = interactive.action as Json;
  switch (type) {
    case 'cta_url':
      requireBody(interactive, type);
      requireActionName(action, 'cta_url', type);
      return;
    case 'location_request_message':
      requireBody(interactive, type);
      requireActionName(action, 'send_location', type);
      rejectPart(interactive, 'header', type);
      rejectPart(interactive, 'footer', type);
      return;
    case 'flow':
      requireBody(interactive, type);
      requireActionName(action, 'flow', type);
      return;
    case 'product':
      rejectPart(interactive, 'header', type);
      if (typeof action.product_retailer_id !== 'string' || action.sections !== undefined) {
        throw graphErrors.missingParameter(
          'The parameter interactive.action.product_retailer_id is required for a single-product message (and sections are not allowed)',
        );
      }
      return;
    case 'product_list':
      checkProductList(interactive, action);
      return;
    default:
      return;
  }
}

function requireBody(interactive: Json, type: string): void {
  if (interactive.body === undefined) {
    throw graphErrors.missingParameter(`The parameter interactive.body is required for ${type} messages`);
  }
}

function requireActionName(action: Json, name: string, type: string): void {
  if (action.name !== name) {
    throw graphErrors.invalidParameterValue(
      `interactive.action.name must be "${name}" for ${type} messages, got ${JSON.stringify(action.name)}`,
    );
  }
}

function rejectPart(interactive: Json, part: 'header' | 'footer', type: string): void {
  if (interactive[part] !== undefined) {
    throw graphErrors.invalidParameterValue(`interactive.${part} is not supported for ${type} messages`);
  }
}

function checkProductList(interactive: Json, action: Json): void {
  const header = interactive.header as Json | undefined;
  if (header?.type !== 'text' || typeof header.text !== 'string') {
    throw graphErrors.missingParameter('A text interactive.header is required for product_list messages');
  }
  requireBody(interactive, 'product_list');
  const sections = action.sections as Json[] | undefined;
  if (!Array.isArray(sections)) {
    throw graphErrors.missingParameter('The parameter interactive.action.sections is required');
  }
  let items = 0;
  const ids = new Set<string>();
  sections.forEach((section, index) => {
    const products = section.product_items as Json[] | undefined;
    if (!Array.isArray(products) || section.rows !== undefined) {
      throw graphErrors.missingParameter(
        `The parameter interactive.action.sections[${index}].product_items is required (rows are for list messages)`,
      );
    }
    if (sections.length > 1 && typeof section.title !== 'string') {
      throw graphErrors.missingParameter(
        `The parameter interactive.action.sections[${index}].title is required when there is more than one section`,
      );
    }
    items += products.length;
    for (const product of products) {
      const id = product.product_retailer_id as string;
      if (ids.has(id)) {
        throw graphErrors.invalidParameterValue(
          `Product ${JSON.stringify(id)} appears twice in interactive.action.sections`,
        );
      }
      ids.add(id);
    }
  });
  if (items > MAX_PRODUCT_ITEMS) {
    throw graphErrors.invalidParameterValue(
      `Total product count exceed max allowed count: ${MAX_PRODUCT_ITEMS} (interactive.action.sections has ${items} products)`,
    );
  }
}
