import { randomBytes } from 'node:crypto';

/** What an emulated Graph error is made of; see {@link GraphError}. */
export interface GraphErrorInit {
  /** HTTP status of the answer. */
  status: number;
  code: number;
  /** Full `error.message`, e.g. `(#100) Invalid parameter`. */
  message: string;
  /** `GraphMethodException` for unknown objects and methods, `OAuthException` for everything else (Meta's habit). */
  type?: 'OAuthException' | 'GraphMethodException';
  subcode?: number;
  /**
   * `error_data.details`. Meta sends `error_data` only on WhatsApp-specific errors (13xxxx, and 100 on
   * WhatsApp edges); generic Graph errors (190, 100/33) have none, so leave it out for those.
   */
  details?: string;
}

/**
 * A Graph API error, thrown by the emulator's endpoint code and turned into Meta's error body by the router:
 * `{ error: { message, type, code, error_subcode?, error_data?: { messaging_product, details }, fbtrace_id } }`.
 */
export class GraphError extends Error {
  readonly status: number;
  readonly code: number;
  readonly type: 'OAuthException' | 'GraphMethodException';
  readonly subcode: number | undefined;
  readonly details: string | undefined;

  constructor(init: GraphErrorInit) {
    super(init.message);
    this.name = 'GraphError';
    this.status = init.status;
    this.code = init.code;
    this.type = init.type ?? 'OAuthException';
    this.subcode = init.subcode;
    this.details = init.details;
  }

  /** The JSON answer Meta would send, with a fresh `fbtrace_id` (also sent as `x-fb-trace-id`). */
  toResponse(): Response {
    const fbtraceId = newFbtraceId();
    const body = {
      error: {
        message: this.message,
        type: this.type,
        code: this.code,
        ...(this.subcode === undefined ? {} : { error_subcode: this.subcode }),
        ...(this.details === undefined
          ? {}
          : { error_data: { messaging_product: 'whatsapp', details: this.details } }),
        fbtrace_id: fbtraceId,
      },
    };
    const headers = new Headers({
      'content-type': 'application/json; charset=UTF-8',
      'x-fb-trace-id': fbtraceId,
    });
    if (this.status === 401) {
      // Graph names the failure in WWW-Authenticate as well, as OAuth 2 bearer servers do.
      headers.set('www-authenticate', `OAuth "Facebook Platform" "invalid_token" "${this.message}"`);
    }
    return new Response(JSON.stringify(body), { status: this.status, headers });
  }
}

function newFbtraceId(): string {
  return randomBytes(17).toString('base64url').slice(0, 23);
}

/** The errors the emulator answers with, named after what went wrong. Messages are Meta's own titles. */
export const graphErrors = {
  /** 400, code 100: a parameter has an invalid value or is not allowed there. */
  invalidParameter(details: string): GraphError {
    return new GraphError({ status: 400, code: 100, message: '(#100) Invalid parameter', details });
  },
  /** 400, code 131008: a required parameter is missing. */
  missingParameter(details: string): GraphError {
    return new GraphError({
      status: 400,
      code: 131008,
      message: '(#131008) Required parameter is missing',
      details,
    });
  },
  /** 400, code 131009: a value breaks a rule the schema cannot express (limits, uniqueness, template buttons). */
  invalidParameterValue(details: string): GraphError {
    return new GraphError({
      status: 400,
      code: 131009,
      message: '(#131009) Parameter value is not valid',
      details,
    });
  },
  /**
   * A body that failed Meta's schema, as Meta reports it: 131008 for a missing parameter, 100 for any
   * other invalid one; the details name the path.
   */
  schemaViolation(violation: { keyword: string; details: string }): GraphError {
    return violation.keyword === 'required'
      ? graphErrors.missingParameter(violation.details)
      : graphErrors.invalidParameter(violation.details);
  },
  /** 400, code 131021: the business sent a message to its own number. */
  recipientIsSender(): GraphError {
    return new GraphError({
      status: 400,
      code: 131021,
      message: '(#131021) Recipient cannot be sender',
      details: 'Sender and recipient phone number is the same.',
    });
  },
  /** 401, code 190: missing, malformed or unknown access token. */
  invalidAccessToken(): GraphError {
    return new GraphError({
      status: 401,
      code: 190,
      message: 'Invalid OAuth access token - Cannot parse access token',
    });
  },
  /** 404, code 100 subcode 33: the id in the path names no object the token can see. */
  unknownObject(method: string, id: string): GraphError {
    return new GraphError({
      status: 404,
      code: 100,
      subcode: 33,
      type: 'GraphMethodException',
      message:
        `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due ` +
        'to missing permissions, or does not support this operation. Please read the Graph API documentation at ' +
        'https://developers.facebook.com/docs/graph-api',
    });
  },
  /** 400, code 100: a path or method the emulated API does not have. */
  unsupportedRequest(method: string): GraphError {
    return new GraphError({
      status: 400,
      code: 100,
      type: 'GraphMethodException',
      message: `Unsupported ${method.toLowerCase()} request. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    });
  },
  /** 400, code 100: an edge or field the node type does not have. */
  nonexistingField(field: string, nodeType: string): GraphError {
    return new GraphError({
      status: 400,
      code: 100,
      message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
    });
  },
  /** 404, code 132001: no template with that name in that language, or it is not approved. */
  templateNotFound(name: string, language: string): GraphError {
    return new GraphError({
      status: 404,
      code: 132001,
      message: '(#132001) Template name does not exist in the translation',
      details: `template name (${name}) does not exist in ${language}`,
    });
  },
  /** 400, code 132000: the number (or names) of parameters does not match the template's placeholders. */
  templateParamCountMismatch(details: string): GraphError {
    return new GraphError({
      status: 400,
      code: 132000,
      message: '(#132000) Number of parameters does not match the expected number of params',
      details,
    });
  },
  /** 400, code 132012: parameters of the wrong kind (named vs positional, text vs media header). */
  templateParamFormatMismatch(details: string): GraphError {
    return new GraphError({
      status: 400,
      code: 132012,
      message: '(#132012) Parameter format does not match format in the created template',
      details,
    });
  },
  /** 400, code 132015 (paused) or 132016 (disabled): the template exists but cannot be sent. */
  templateUnavailable(status: 'PAUSED' | 'DISABLED', name: string): GraphError {
    const code = status === 'PAUSED' ? 132015 : 132016;
    const title = status === 'PAUSED' ? 'Template is Paused' : 'Template is Disabled';
    return new GraphError({
      status: 400,
      code,
      message: `(#${code}) ${title}`,
      details: `Template ${name} is ${status}`,
    });
  },
  /** 400, code 131053: the media cannot be used (type, size). */
  mediaUploadError(details: string): GraphError {
    return new GraphError({ status: 400, code: 131053, message: '(#131053) Media upload error', details });
  },
};
