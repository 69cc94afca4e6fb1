import type { Logger } from 'pino';
import type { RecordingRow, RecordingStore } from '../db/index.js';
import type { Storage } from '../storage/index.js';
import { ZoomApi } from './api.js';
import { ZoomIngest } from './ingest.js';
import { CourseMapper, type MappingRules } from './mapping.js';
import { ZoomAuth, type ZoomCredentials } from './oauth.js';

export { ZoomApi, encodeMeetingUuid, retryAfterMs } from './api.js';
export { ZoomAuth } from './oauth.js';
export { ZoomIngest, dedupeKeyFor, type IngestOutcome } from './ingest.js';
export { CourseMapper, type MappingRules } from './mapping.js';
export { selectFiles, captionsFile } from './select.js';
export { syncRecordings, monthWindows, isoDate } from './sweep.js';
export { signWebhook, verifyWebhook, urlValidationAnswer } from './webhook.js';
export { zoomWebhookHandlers } from './webhook-route.js';
export type { ZoomMeeting, ZoomRecordingFile } from './types.js';

export interface ZoomSettings {
  credentials: ZoomCredentials | undefined;
  webhookSecret: string | undefined;
  apiUrl: string;
  oauthUrl: string;
  users: string[];
  viewPreference: string[];
  minDurationSeconds: number;
  deleteAfterImport: 'off' | 'trash' | 'delete';
  captionsLanguage: string;
}

/** Everything Zoom-facing, built from its config slice. API parts exist only with credentials. */
export function createZoom(
  settings: ZoomSettings,
  mapping: MappingRules,
  deps: { store: RecordingStore; storage: Storage; logger: Logger; maxAttempts: number },
) {
  const auth = settings.credentials ? new ZoomAuth(settings.credentials, settings.oauthUrl) : undefined;
  const api = auth ? new ZoomApi({ auth, apiUrl: settings.apiUrl }) : undefined;
  const mapper = new CourseMapper(mapping);
  const emails = new Map<string, string | undefined>();
  const wantsHostEmail = mapping.order.includes('host') && mapping.hosts.size > 0;
  const ingest = new ZoomIngest({
    store: deps.store,
    mapper,
    logger: deps.logger.child({ part: 'zoom' }),
    options: {
      viewPreference: settings.viewPreference,
      minDurationSeconds: settings.minDurationSeconds,
      captionsLanguage: settings.captionsLanguage,
      maxAttempts: deps.maxAttempts,
    },
    ...(api && wantsHostEmail
      ? {
          hostEmail: async (hostId: string) => {
            if (!emails.has(hostId)) emails.set(hostId, await api.userEmail(hostId).catch(() => undefined));
            return emails.get(hostId);
          },
        }
      : {}),
  });
  const downloadAuth = auth ? async () => ({ authorization: `Bearer ${await auth.accessToken()}` }) : undefined;

  /** After a verified publish only: move Zoom's copy to the trash or delete it, if configured. */
  const onPublished = async (row: RecordingRow) => {
    if (settings.deleteAfterImport === 'off' || !api || !row.zoom_meeting_uuid || !row.output_folder) return;
    const master = await deps.storage.getText(`${row.output_folder}/index.m3u8`);
    const objects = await deps.storage.list(`${row.output_folder}/`);
    if (!master || objects.length < (row.segment_count ?? 1)) {
      deps.logger.warn({ recordingId: row.id }, 'published stream could not be verified; Zoom copy kept');
      return;
    }
    await api.deleteRecordings(row.zoom_meeting_uuid, settings.deleteAfterImport);
    deps.logger.info({ recordingId: row.id, action: settings.deleteAfterImport }, 'zoom copy removed after verified publish');
  };

  return { auth, api, mapper, ingest, downloadAuth, onPublished, webhookSecret: settings.webhookSecret, users: settings.users };
}

export type Zoom = ReturnType<typeof createZoom>;
