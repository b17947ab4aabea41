import type { LoopbackServer } from '@switchboard/testing';
import { faults } from '@switchboard/testing';
import { http } from 'msw';

/** Turns an emulator's send failures on and off. */
export type SendFailureSwitch = (failing: boolean) => void;

/**
 * Puts a switch in front of an emulator's send endpoints: while on, every send is answered
 * `503 Service Unavailable` (the provider refused it, so nothing was sent), as a provider outage
 * would; a router then fails over. Other requests and, when off, sends reach the emulator.
 */
export function sendFailureSwitch(
  server: LoopbackServer,
  isSend: (path: string) => boolean,
): SendFailureSwitch {
  let failing = false;
  server.use(
    http.post(
      ({ request }) => failing && isSend(new URL(request.url).pathname),
      () => faults.status(503, { body: 'Service Unavailable (sandbox: failure switched on in the inbox)' }),
    ),
  );
  return (on) => {
    failing = on;
  };
}

/** WhatsApp Cloud API sends: `POST /{version}/{phone-number-id}/messages` (and Maton's prefix). */
export const isCloudSendPath = (path: string): boolean => /\/messages$/.test(path);
/** WATI sends: `POST …/api/v1/sendSessionMessage/…`, `…/sendTemplateMessage…`, `…/sendInteractive…`. */
export const isWatiSendPath = (path: string): boolean => /\/api\/v\d+\/send/i.test(path);
