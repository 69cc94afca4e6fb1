import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ZoomIngest } from './ingest.js';
import type { ZoomMeeting } from './types.js';
import { urlValidationAnswer, verifyWebhook } from './webhook.js';

/** Zoom's events are small; anything bigger is not from Zoom. */
export const WEBHOOK_BODY_LIMIT = '512kb';

interface ZoomEvent {
  event?: string;
  event_ts?: number;
  download_token?: string;
  payload?: { plainToken?: string; object?: ZoomMeeting };
}

/**
 * `POST /zoom/webhook`: verifies Zoom's signature over the raw body, then only records what
 * arrived (a DB insert) and answers — the work happens in workers — so Zoom gets its answer
 * well within 3 seconds. Every refusal is logged with its reason, never with the secret.
 */
export function zoomWebhookHandlers(deps: {
  secret: string | undefined;
  ingest: ZoomIngest;
  logger: Logger;
  /** Wakes idle workers when a job was queued. */
  onQueued?: () => void;
  nowSeconds?: () => number;
}): RequestHandler[] {
  const raw = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT });
  const handle: RequestHandler = async (req, res, next) => {
    try {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const verdict = verifyWebhook({
        secret: deps.secret,
        signature: req.get('x-zm-signature'),
        timestamp: req.get('x-zm-request-timestamp'),
        rawBody: body,
        nowSeconds: deps.nowSeconds?.() ?? Math.floor(Date.now() / 1000),
      });
      if (!verdict.ok) {
        deps.logger.warn({ reason: verdict.reason, ip: req.ip }, 'zoom webhook refused');
        const status = deps.secret ? 401 : 403;
        res.status(status).json({ error: { code: 'WEBHOOK_REFUSED', message: `Webhook refused: ${verdict.reason}` } });
        return;
      }
      let event: ZoomEvent;
      try {
        event = JSON.parse(body.toString('utf8')) as ZoomEvent;
        if (typeof event !== 'object' || event === null) throw new Error('not an object');
      } catch {
        deps.logger.warn('zoom webhook with malformed JSON');
        res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'Body is not a JSON object' } });
        return;
      }
      const log = deps.logger.child({ event: event.event });
      switch (event.event) {
        case 'endpoint.url_validation': {
          const plainToken = event.payload?.plainToken;
          if (typeof plainToken !== 'string' || !plainToken) {
            res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'plainToken missing' } });
            return;
          }
          res.json(urlValidationAnswer(deps.secret!, plainToken));
          return;
        }
        case 'recording.completed': {
          const meeting = event.payload?.object;
          if (!isMeeting(meeting)) {
            res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'payload.object is not a meeting' } });
            return;
          }
          const outcome = await deps.ingest.ingestMeeting(meeting, { downloadToken: event.download_token });
          log.info({ outcome: outcome.kind, meetingUuid: meeting.uuid }, 'zoom recording event');
          if (outcome.kind === 'queued') deps.onQueued?.();
          res.json({ status: outcome.kind });
          return;
        }
        case 'recording.transcript_completed': {
          const meeting = event.payload?.object;
          if (!isMeeting(meeting)) {
            res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'payload.object is not a meeting' } });
            return;
          }
          const outcome = await deps.ingest.attachTranscript(meeting, event.download_token);
          log.info({ outcome: outcome.kind, meetingUuid: meeting.uuid }, 'zoom transcript event');
          deps.onQueued?.();
          res.json({ status: outcome.kind });
          return;
        }
        default:
          log.info('zoom event ignored (not one we subscribe to)');
          res.json({ status: 'ignored' });
      }
    } catch (error) {
      next(error);
    }
  };
  return [raw, handle];
}

function isMeeting(value: unknown): value is ZoomMeeting {
  const m = value as ZoomMeeting | undefined;
  return typeof m === 'object' && m !== null && typeof m.uuid === 'string' && m.uuid.length > 0 && Array.isArray(m.recording_files);
}
