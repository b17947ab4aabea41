import type { WatiMessageRecord } from './wati-records.js';
import type { WatiEmulatorState } from './wati-state.js';

/** The emulator settings the endpoints consult, resolved from the options. */
export interface WatiEmulatorConfig {
  tokens: readonly string[];
  tenantId: string;
  invalidNumbers: ReadonlySet<string>;
  sessionWindow: 'enforce' | 'open';
  /** The business number the emulated tenant sends from (`channelPhoneNumber` in webhooks). */
  channelPhoneNumber: string;
  /** The tenant's other channels (V3 `GET /api/ext/v3/channels` lists these, not the default one). */
  channels: readonly { id: string; name: string; phoneNumber: string | undefined }[];
  /** The operator WATI names in status webhooks of API sends when none is assigned. */
  operatorEmail: string;
  operatorName: string;
  /** That operator's WATI id (`assigneeId`). */
  assigneeId: string;
  now: () => Date;
}

/** What every endpoint of the emulator shares. */
export interface WatiEmulatorContext {
  readonly config: WatiEmulatorConfig;
  readonly state: WatiEmulatorState;
  /** The team every contact belongs to (`teamIds`). */
  readonly teamId: string;
  /**
   * The tenant API base for media URLs (`…/{tenantId}`): on the origin a request came in on when given,
   * else the emulator's own server once listening, else WATI's public host.
   */
  tenantBaseUrl(origin?: string): string;
  /** Called once a send is accepted, to schedule its status webhooks. */
  messageAccepted(message: WatiMessageRecord): void;
}
