import type { MiddlewareHandler } from 'hono';

/** Host names that can only mean this machine. */
function isLoopbackHostname(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname)
  );
}

/** True when the server listens only on this machine. */
export function isLoopbackAddress(host: string): boolean {
  return isLoopbackHostname(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
}

/**
 * For an app listening on loopback without an access token: refuses requests whose `Host` is not a
 * loopback name. The API has no authentication then, so this keeps it out of reach of DNS rebinding
 * (a web page whose domain suddenly resolves to 127.0.0.1) and of a tunnel that forwards more than
 * the webhook paths. Webhooks are not guarded: tunnels deliver them with the public host name. With
 * a token, the token guards the app instead (see `createApp`).
 */
export function loopbackHostGuard(): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? '';
    let hostname: string;
    try {
      hostname = new URL(`http://${host}`).hostname;
    } catch {
      hostname = '';
    }
    if (isLoopbackHostname(hostname)) return next();
    return c.json(
      {
        error: {
          code: 'forbidden_host',
          message:
            'This app listens on loopback and answers its page and API only as localhost; only /webhooks/* may be reached through a tunnel or proxy. Set HOST to listen elsewhere.',
        },
      },
      403,
    );
  };
}
