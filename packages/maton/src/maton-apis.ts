/**
 * The APIs Maton relays, by Maton app name, with the two hosts each uses: the gateway that relays
 * API calls and the control plane that manages connections. Sources: Maton's `whatsapp-business`
 * and `wati` references (the WhatsApp one names `https://ctrl.maton.ai` for connections, the WATI
 * one `https://api.maton.ai`).
 */
export const MATON_APIS = {
  'whatsapp-business': {
    gatewayBaseUrl: 'https://gateway.maton.ai/whatsapp-business',
    controlBaseUrl: 'https://ctrl.maton.ai',
  },
  wati: {
    gatewayBaseUrl: 'https://api.maton.ai/wati',
    controlBaseUrl: 'https://api.maton.ai',
  },
} as const;

/** The name of an app Maton relays, e.g. `whatsapp-business` (the WhatsApp Cloud API) or `wati`. */
export type MatonApp = keyof typeof MATON_APIS;

/** True when Maton relays `app`. */
export function isMatonApp(app: string): app is MatonApp {
  return Object.hasOwn(MATON_APIS, app);
}

/** Where to find and authorize connections, for messages. */
export const MATON_SETTINGS_URL = 'https://maton.ai/settings';
