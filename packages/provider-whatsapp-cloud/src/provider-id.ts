/**
 * The provider id, also the config section key: `{ "provider": "whatsapp-cloud", "whatsapp-cloud": { … } }`.
 * A module of its own so that the webhook entry names the provider without loading the options schema.
 */
export const WHATSAPP_CLOUD_PROVIDER_ID = 'whatsapp-cloud';
