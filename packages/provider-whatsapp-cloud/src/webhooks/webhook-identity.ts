import { webhookSchemas } from './webhook-schemas.js';

/** Who a message came from or a status went to: any of a phone, BSUID, parent BSUID, username and name. */
export interface WebhookIdentity {
  phone?: string;
  userId?: string;
  parentUserId?: string;
  username?: string;
  name?: string;
}

const present = (value: string | null | undefined): string | undefined => (value ? value : undefined);

/**
 * The identity of a user from the ids on the item itself (`from`/`from_user_id`/`from_parent_user_id`
 * on messages, `recipient_*` on statuses), completed by the `value.contacts[]` entry that shares one
 * of them (wa_id, user_id or parent_user_id): its profile name, username and any id the item left
 * out. Since 2026 a username user's message may have no phone at all, so the BSUID identifies them.
 */
export function resolveIdentity(itemIds: WebhookIdentity, contacts: readonly unknown[]): WebhookIdentity {
  const known = [itemIds.phone, itemIds.userId, itemIds.parentUserId].filter(
    (id): id is string => id !== undefined,
  );
  let identity: WebhookIdentity = { ...itemIds };
  if (known.length === 0) return identity;
  for (const candidate of contacts) {
    const parsed = webhookSchemas().webhookContactSchema.safeParse(candidate);
    if (!parsed.success) continue;
    const { wa_id: waId, user_id: userId, parent_user_id: parentUserId, profile } = parsed.data;
    const ids = [present(waId), present(userId), present(parentUserId)];
    if (!ids.some((id) => id !== undefined && known.includes(id))) continue;
    identity = {
      phone: identity.phone ?? present(waId),
      userId: identity.userId ?? present(userId),
      parentUserId: identity.parentUserId ?? present(parentUserId),
      username: present(profile?.username),
      name: present(profile?.name),
    };
    break;
  }
  return Object.fromEntries(
    Object.entries(identity).filter(([, value]) => value !== undefined),
  ) as WebhookIdentity;
}
