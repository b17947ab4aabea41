import { http, type RequestHandler } from 'msw';
import { getBusinessAccount, getPhoneNumber, listPhoneNumbers } from './account-endpoints.js';
import { getBusinessProfile, updateBusinessProfile } from './business-profile-endpoints.js';
import { GraphError, graphErrors } from './graph-error.js';
import type { CloudEmulatorContext, GraphRequest } from './graph-request.js';
import { deleteMedia, downloadMedia, getMedia, MEDIA_DOWNLOAD_PATH, uploadMedia } from './media-endpoints.js';
import { postMessages } from './messages-endpoint.js';
import { createTemplate, deleteTemplates, getTemplate, listTemplates } from './template-endpoints.js';

/** Graph API versions look like `v23.0`. */
const VERSION = /^v\d+\.\d+$/;
/** Maton's gateway serves the same API under this path prefix. */
export const MATON_PATH_PREFIX = '/whatsapp-business';

type Endpoint = () => Response | Promise<Response>;
type Methods = Partial<Record<string, Endpoint>>;

/** What a Graph node supports: methods on the node itself and on each of its edges. */
interface NodeRoutes {
  nodeType: string;
  node: Methods;
  edges: Record<string, Methods>;
}

/**
 * msw handlers answering the Cloud API under `/{version}/…` and `/whatsapp-business/{version}/…`, plus the
 * media download path. Other paths fall through to the next handler, so these compose with other handlers.
 */
export function createCloudGraphHandlers(ctx: CloudEmulatorContext): RequestHandler[] {
  return [http.all('*', ({ request }) => routeCloudRequest(ctx, request))];
}

/** Answers every request with Graph's "unsupported request" error; the emulator's own server ends with it. */
export function unsupportedRequestHandler(): RequestHandler {
  return http.all('*', ({ request }) => graphErrors.unsupportedRequest(request.method).toResponse());
}

async function routeCloudRequest(ctx: CloudEmulatorContext, request: Request): Promise<Response | undefined> {
  const url = new URL(request.url);
  let steps = url.pathname.split('/').filter((step) => step !== '');
  let prefix = '';
  if (`/${steps[0]}` === MATON_PATH_PREFIX) {
    prefix = MATON_PATH_PREFIX;
    steps = steps.slice(1);
  }
  const isDownload = `/${steps[0]}` === MEDIA_DOWNLOAD_PATH;
  const version = steps[0] ?? '';
  if (!isDownload && !VERSION.test(version) && prefix === '') return undefined;
  const method = request.method.toUpperCase();
  try {
    // Graph checks the token before it looks at the path.
    authenticate(ctx, request, url);
    if (isDownload) {
      if (steps.length !== 2) throw graphErrors.unsupportedRequest(method);
      const id = steps[1] as string;
      return downloadMedia(method, ctx.store.media.get(id), id);
    }
    if (!VERSION.test(version)) throw graphErrors.unsupportedRequest(method);
    const req: GraphRequest = { request, method, url, origin: url.origin };
    return await dispatch(ctx, req, steps.slice(1));
  } catch (error) {
    if (error instanceof GraphError) return error.toResponse();
    throw error;
  }
}

function authenticate(ctx: CloudEmulatorContext, request: Request, url: URL): void {
  const header = request.headers.get('authorization');
  // Graph also takes the token as an `access_token` query parameter.
  const token =
    header === null ? url.searchParams.get('access_token') : /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (token === undefined || token === null || !ctx.accessTokens.has(token))
    throw graphErrors.invalidAccessToken();
}

async function dispatch(
  ctx: CloudEmulatorContext,
  req: GraphRequest,
  path: readonly string[],
): Promise<Response> {
  const [id, edge, ...rest] = path;
  if (id === undefined || rest.length > 0) throw graphErrors.unsupportedRequest(req.method);
  const routes = routesOf(ctx, req, id);
  if (routes === undefined) throw graphErrors.unknownObject(req.method, id);
  const methods = edge === undefined ? routes.node : routes.edges[edge];
  if (methods === undefined) throw graphErrors.nonexistingField(edge as string, routes.nodeType);
  const endpoint = methods[req.method];
  if (endpoint === undefined) throw graphErrors.unsupportedRequest(req.method);
  return endpoint();
}

/** The routes of the object `id` names, or `undefined` when it names none. */
function routesOf(ctx: CloudEmulatorContext, req: GraphRequest, id: string): NodeRoutes | undefined {
  const phone = ctx.store.phoneNumber(id);
  if (phone !== undefined) {
    return {
      nodeType: 'WhatsAppBusinessPhoneNumber',
      node: { GET: () => getPhoneNumber(req, phone) },
      edges: {
        messages: { POST: () => postMessages(ctx, req, id) },
        media: { POST: () => uploadMedia(ctx, req, id) },
        whatsapp_business_profile: {
          GET: () => getBusinessProfile(ctx, req, id),
          POST: () => updateBusinessProfile(ctx, req, id),
        },
      },
    };
  }
  if (id === ctx.store.businessAccountId) {
    return {
      nodeType: 'WhatsAppBusinessAccount',
      node: { GET: () => getBusinessAccount(ctx, req) },
      edges: {
        message_templates: {
          GET: () => listTemplates(ctx, req),
          POST: () => createTemplate(ctx, req),
          DELETE: () => deleteTemplates(ctx, req),
        },
        phone_numbers: { GET: () => listPhoneNumbers(ctx, req) },
      },
    };
  }
  const media = ctx.store.media.get(id);
  if (media !== undefined) {
    return {
      nodeType: 'WhatsAppBusinessMedia',
      node: { GET: () => getMedia(req, media), DELETE: () => deleteMedia(ctx, req, media) },
      edges: {},
    };
  }
  const template = ctx.store.templates.find((candidate) => candidate.id === id);
  if (template !== undefined) {
    return {
      nodeType: 'WhatsAppMessageTemplate',
      node: { GET: () => getTemplate(ctx, req, template) },
      edges: {},
    };
  }
  return undefined;
}
