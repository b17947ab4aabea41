/**
 * The provider id, also the config section key: `{ "provider": "wati", "wati": { … } }`. A module of
 * its own so that the webhook entry names the provider without loading the options schema.
 */
export const WATI_PROVIDER_ID = 'wati';
