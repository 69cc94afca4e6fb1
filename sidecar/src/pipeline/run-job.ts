import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { RecordingRow, RecordingStore } from '../db/index.js';
import type { Storage } from '../storage/index.js';
import { ZoomhlsError } from '../errors.js';
import { buildAbrArgs, buildAudioArgs, buildCopyArgs, buildWatermarkArgs, type EncodePlan, type Position } from './argv.js';
import { addSubtitlesToMaster, alignVtt, languageName, renderSubtitlePlaylist } from './captions.js';
import { downloadToFile } from './download.js';
import { runFfmpeg } from './ffmpeg.js';
import { cdnUrl, courseKey, newVideoKey, videoFolder } from './keys.js';
import { codecString, measureBandwidth, parseMediaPlaylist, renderMasterPlaylist, renderMediaPlaylist, type Variant } from './playlist.js';
import { probeMedia, type MediaInfo } from './probe.js';
import { acquireSource, type DownloadAuth } from './sources.js';
import { publishToRepository } from './repository.js';
import { SegmentUploader } from './segment-uploader.js';

export type ProfileSetting = 'auto' | 'copy' | 'watermark' | 'abr';

export interface PipelineSettings {
  cdnBaseUrl: string;
  prefix: string;
  repositoryDir: string;
  workDir: string;
  timeZone: string;
  courseKeySecret: string;
  profile: ProfileSetting;
  segmentSeconds: number;
  x264Preset: string;
  x264Crf: number;
  watermark:
    | { kind: 'text'; text: string; position: Position; size: number; opacity: number }
    | { kind: 'image'; imagePath: string; position: Position; size: number; opacity: number }
    | undefined;
  abrHeights: number[];
  ffmpegPath?: string;
  ffprobePath?: string;
}

export type ProgressEvent =
  | { recordingId: number; stage: 'transcoding'; percent: number; etaSeconds: number | undefined }
  | { recordingId: number; stage: 'uploading'; bytes: number; files: number };

export interface PipelineObserver {
  stageFinished?(stage: 'download' | 'probe' | 'encode' | 'upload' | 'publish', seconds: number): void;
  bytesUploaded?(bytes: number): void;
  progress?(event: ProgressEvent): void;
}

export interface PipelineDeps {
  store: RecordingStore;
  storage: Storage;
  logger: Logger;
  settings: PipelineSettings;
  observer?: PipelineObserver;
  /** Authorization for Zoom downloads (S2S OAuth), when Zoom is configured. */
  downloadAuth?: DownloadAuth;
  /** Called after a verified publish (e.g. to move the Zoom copy to the trash). */
  onPublished?: (row: RecordingRow) => Promise<void>;
}

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
];

/**
 * The one function that sequences a recording from source to published stream. Each step is
 * idempotent under the recording's video key (chosen once and saved before anything is
 * uploaded), so a job resumed by another worker overwrites the same objects and the same
 * repository file instead of making new ones.
 */
export async function runRecordingJob(deps: PipelineDeps, row: RecordingRow, owner: string, signal: AbortSignal): Promise<void> {
  const { store, storage, settings } = deps;
  const log = deps.logger.child({ recordingId: row.id, attempt: row.attempts });
  const work = path.join(settings.workDir, `job-${row.id}-${randomBytes(4).toString('hex')}`);
  const timer = stageTimer(deps.observer);
  let uploader: SegmentUploader | undefined;
  await fsp.mkdir(work, { recursive: true });
  try {
    if (row.course_id === null) {
      throw new ZoomhlsError('INVALID_STATE', `Recording ${row.id} has no course yet; map it with \`zoomhls map ${row.id} --course <id>\``);
    }
    if (row.state === 'captioning') {
      await attachCaptions(deps, row, owner, work, signal);
      timer.lap('publish');
      return;
    }
    // 1. Source: a local file, or downloads (Zoom parts) into the work dir, probed.
    await store.advance(row.id, owner, 'downloading');
    const source = await acquireSource(row, work, { signal, downloadAuth: deps.downloadAuth, ffprobePath: settings.ffprobePath });
    const info = source.info;
    timer.lap('download');
    log.info({ durationSeconds: info.durationSeconds, video: info.video, audio: info.audio, parts: source.concat }, 'source probed');

    // 2. Keys, saved before any upload so every attempt writes to the same folder.
    const cKey = courseKey(settings.courseKeySecret, row.course_id);
    const vKey = row.video_key ?? newVideoKey();
    const folder = videoFolder(settings.prefix, cKey, vKey);
    await store.advance(row.id, owner, 'transcoding', {
      course_key: cKey,
      video_key: vKey,
      output_folder: folder,
      duration_seconds: info.durationSeconds,
      source_bytes: source.bytes,
    });

    // 3. Encode, uploading each segment as soon as ffmpeg finalises it.
    const plan = await planEncode(row.profile as ProfileSetting, info, source.input, work, settings, source.concat);
    log.info({ profile: plan.profile, renditions: plan.heights }, 'encoding');
    for (const dir of plan.dirs) await fsp.mkdir(path.join(work, dir), { recursive: true });
    const encodeAbort = new AbortController();
    const onAbort = () => encodeAbort.abort();
    signal.addEventListener('abort', onAbort);
    uploader = new SegmentUploader({
      storage,
      workDir: work,
      playlists: plan.playlists,
      keyFor: (rel) => `${folder}/${rel}`,
      onUploaded: (bytes, total) => {
        deps.observer?.bytesUploaded?.(bytes);
        deps.observer?.progress?.({ recordingId: row.id, stage: 'uploading', ...total });
      },
      // A failed upload makes the encode pointless: stop ffmpeg now rather than at the end.
      onError: () => encodeAbort.abort(),
    });
    uploader.start();
    try {
      await runFfmpeg({
        argv: plan.argv,
        durationSeconds: info.durationSeconds,
        ...(settings.ffmpegPath ? { ffmpegPath: settings.ffmpegPath } : {}),
        signal: encodeAbort.signal,
        onProgress: (p) => deps.observer?.progress?.({ recordingId: row.id, stage: 'transcoding', percent: p.percent, etaSeconds: p.etaSeconds }),
      });
    } catch (error) {
      await uploader.abort();
      // An upload error that stopped ffmpeg is the real cause.
      throw uploader.error ?? error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    timer.lap('encode');
    await assertWholeSource(work, plan.playlists[0]!, info.durationSeconds);
    await store.advance(row.id, owner, 'uploading');
    const uploaded = await uploader.finish();
    log.info({ files: uploaded.files, bytes: uploaded.bytes }, 'segments uploaded');

    // 4. Playlists: VOD, absolute URIs; variant playlists before the master.
    const captions = row.captions_url ? await fetchCaptions(deps, row, work, signal) : undefined;
    const published = await publishPlaylists({ plan, work, folder, info, storage, settings, captions });
    const stale = (await storage.list(`${folder}/`)).filter((k) => !published.keys.has(k));
    if (stale.length > 0) {
      // Left by an earlier attempt that was cut differently: never keep objects nothing refers to.
      await storage.deleteMany(stale);
      log.info({ removed: stale.length }, 'removed stale objects from an earlier attempt');
    }
    timer.lap('upload');

    // 5. The teacher's playlist, last and atomically; then the row.
    const playlistPath = await publishToRepository({
      repositoryDir: settings.repositoryDir,
      courseId: row.course_id,
      startTime: row.start_time,
      topic: row.topic,
      timeZone: settings.timeZone,
      text: published.topText,
      ownMarker: `/${vKey}/`,
      previousPath: row.playlist_path,
      savePath: (p) => store.advance(row.id, owner, 'uploading', { playlist_path: p }),
    });
    await store.markPublished(row.id, owner, {
      playlist_path: playlistPath,
      bytes_published: published.bytes,
      segment_count: published.segments,
      media_start_seconds: published.mediaStartSeconds,
    });
    timer.lap('publish');
    log.info({ playlistPath, folder, bytes: published.bytes, segments: published.segments, captions: Boolean(captions) }, 'published');
    const fresh = await store.require(row.id);
    if (fresh.captions_url && !captions) {
      // The transcript arrived while this attempt was encoding: attach it now.
      await store.setCaptions(row.id, fresh.captions_url, fresh.captions_language ?? 'en', null);
    }
    await notifyPublished(deps, row.id, log);
  } catch (error) {
    // Let uploads in flight land first, or they would reappear after the clean-up.
    await uploader?.abort();
    await removeUnpublished(deps, row.id, owner, log);
    throw error;
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
}

/**
 * A source cut short (an interrupted download whose index is at the start) can still be
 * remuxed without an error: ffmpeg just stops early. Publishing half a lecture would be worse
 * than failing, so the output must cover the duration the source claims.
 */
async function assertWholeSource(work: string, playlist: string, expectedSeconds: number): Promise<void> {
  const text = await fsp.readFile(path.join(work, playlist), 'utf8').catch(() => '');
  const got = parseMediaPlaylist(text).segments.reduce((sum, s) => sum + s.duration, 0);
  if (got < expectedSeconds * 0.97 - 0.5) {
    throw new ZoomhlsError(
      'MEDIA_INVALID',
      `The source is truncated: only ${got.toFixed(1)} s of its ${expectedSeconds.toFixed(1)} s could be read`,
    );
  }
}

/**
 * After a failed attempt nothing refers to the objects it uploaded; remove them so a failure
 * leaves nothing behind. Only while this worker still holds the lease: otherwise another worker
 * owns the folder now.
 */
async function removeUnpublished(deps: PipelineDeps, id: number, owner: string, log: Logger): Promise<void> {
  try {
    const current = await deps.store.get(id);
    if (!current?.output_folder || current.lease_owner !== owner) return;
    // A published stream (or one getting captions) stays whole whatever failed.
    if (current.published_at !== null || current.state === 'published' || current.state === 'captioning') return;
    const keys = await deps.storage.list(`${current.output_folder}/`);
    if (keys.length > 0) await deps.storage.deleteMany(keys);
  } catch (error) {
    log.warn({ err: { message: (error as Error).message } }, 'could not remove the objects of a failed attempt');
  }
}

/** Chooses the profile for a source and builds its ffmpeg plan. */
export async function planEncode(
  requested: ProfileSetting,
  info: MediaInfo,
  input: string,
  work: string,
  settings: PipelineSettings,
  concat = false,
): Promise<EncodePlan> {
  const outDir = work;
  const common = { input, concat, outDir, segmentSeconds: settings.segmentSeconds };
  if (!info.video) return buildAudioArgs({ ...common, audioCodec: info.audio?.codec ?? 'unknown' });
  const wanted = requested === 'auto' ? settings.profile : requested;
  const isZoomLike = info.video.codec === 'h264' && (!info.audio || info.audio.codec === 'aac');
  const profile = wanted === 'auto' ? (settings.watermark ? 'watermark' : isZoomLike ? 'copy' : 'watermark') : wanted;
  if (profile === 'copy' && isZoomLike) return buildCopyArgs({ ...common, hasAudio: Boolean(info.audio) });
  const watermark = settings.watermark ? await watermarkSpec(settings.watermark, work) : undefined;
  const encode = {
    ...common,
    fps: info.video.fps,
    hasAudio: Boolean(info.audio),
    audioCodec: info.audio?.codec,
    preset: settings.x264Preset,
    crf: settings.x264Crf,
    watermark,
  };
  if (profile === 'abr') return buildAbrArgs({ ...encode, sourceHeight: info.video.height, heights: settings.abrHeights });
  // `copy` of a source that is not H.264/AAC cannot play in browsers: encode it instead.
  return buildWatermarkArgs(encode);
}

async function watermarkSpec(w: NonNullable<PipelineSettings['watermark']>, work: string) {
  if (w.kind === 'image') {
    return { kind: 'image' as const, imagePath: w.imagePath, position: w.position, size: w.size, opacity: w.opacity };
  }
  const textFile = path.join(work, 'watermark.txt');
  await fsp.writeFile(textFile, w.text);
  const fontFile = FONT_CANDIDATES.find((f) => fs.existsSync(f));
  return { kind: 'text' as const, textFile, ...(fontFile ? { fontFile } : {}), position: w.position, size: w.size, opacity: w.opacity };
}

interface CaptionsFile {
  vtt: string;
  language: string;
}

async function publishPlaylists(o: {
  plan: EncodePlan;
  work: string;
  folder: string;
  info: MediaInfo;
  storage: Storage;
  settings: PipelineSettings;
  captions: CaptionsFile | undefined;
}): Promise<{ topText: string; keys: Set<string>; bytes: number; segments: number; mediaStartSeconds: number }> {
  const keys = new Set<string>();
  let bytes = 0;
  let segmentCount = 0;
  let mediaStartSeconds = 0;
  const variants: Variant[] = [];
  for (const [i, playlist] of o.plan.playlists.entries()) {
    const dir = path.posix.dirname(playlist);
    const rel = (uri: string) => `${dir}/${uri}`;
    const parsed = parseMediaPlaylist(await fsp.readFile(path.join(o.work, playlist), 'utf8'));
    if (parsed.segments.length === 0) {
      throw new ZoomhlsError('MEDIA_INVALID', 'ffmpeg produced no segments (the source has no decodable frames)');
    }
    const sized = parsed.segments.map((s) => ({ ...s, bytes: fs.statSync(path.join(o.work, rel(s.uri))).size }));
    for (const s of sized) {
      keys.add(`${o.folder}/${rel(s.uri)}`);
      bytes += s.bytes;
    }
    segmentCount += sized.length;
    // The master needs each rendition's real codec profile/level and size: read them from its
    // first segment rather than trusting what we asked the encoder for.
    const rendition = await probeMedia(path.join(o.work, rel(sized[0]!.uri)), o.settings.ffprobePath);
    if (i === 0) mediaStartSeconds = rendition.startSeconds;
    const bw = measureBandwidth(sized);
    variants.push({
      uri: cdnUrl(o.settings.cdnBaseUrl, `${o.folder}/${playlist}`),
      bandwidth: bw.peak,
      averageBandwidth: bw.average,
      codecs: codecString(rendition.video, Boolean(rendition.audio)),
      resolution: rendition.video ? { width: rendition.video.width, height: rendition.video.height } : undefined,
      frameRate: rendition.video?.fps || undefined,
    });
    const text = renderMediaPlaylist(parsed.segments, (uri) => cdnUrl(o.settings.cdnBaseUrl, `${o.folder}/${rel(uri)}`));
    keys.add(`${o.folder}/${playlist}`);
    bytes += await o.storage.putText(`${o.folder}/${playlist}`, text);
  }
  let topText = renderMasterPlaylist(variants);
  if (o.captions) {
    const published = await publishSubtitles(o.storage, o.settings, o.folder, o.captions, mediaStartSeconds, o.info.durationSeconds);
    for (const k of published.keys) keys.add(k);
    bytes += published.bytes;
    topText = addSubtitlesToMaster(topText, published.track);
  }
  keys.add(`${o.folder}/index.m3u8`);
  bytes += await o.storage.putText(`${o.folder}/index.m3u8`, topText);
  return { topText, keys, bytes, segments: segmentCount, mediaStartSeconds };
}

/** Uploads the aligned VTT and its one-segment playlist under `<folder>/subs/`. */
async function publishSubtitles(
  storage: Storage,
  settings: PipelineSettings,
  folder: string,
  captions: CaptionsFile,
  mediaStartSeconds: number,
  durationSeconds: number,
) {
  const lang = captions.language.replace(/[^A-Za-z0-9-]/g, '') || 'und';
  const vttKey = `${folder}/subs/${lang}.vtt`;
  const listKey = `${folder}/subs/${lang}.m3u8`;
  let aligned: string;
  try {
    aligned = alignVtt(captions.vtt, mediaStartSeconds);
  } catch (cause) {
    throw new ZoomhlsError('MEDIA_INVALID', `Zoom's transcript is not usable WebVTT`, { cause });
  }
  let bytes = await storage.putText(vttKey, aligned);
  bytes += await storage.putText(listKey, renderSubtitlePlaylist(cdnUrl(settings.cdnBaseUrl, vttKey), durationSeconds));
  return {
    keys: [vttKey, listKey],
    bytes,
    track: { language: lang, name: languageName(lang), uri: cdnUrl(settings.cdnBaseUrl, listKey) },
  };
}

async function fetchCaptions(deps: PipelineDeps, row: RecordingRow, work: string, signal: AbortSignal): Promise<CaptionsFile> {
  const file = path.join(work, 'captions.vtt');
  const headers = deps.downloadAuth && row.zoom_meeting_uuid ? await deps.downloadAuth() : row.download_token ? { authorization: `Bearer ${row.download_token}` } : {};
  await downloadToFile(row.captions_url!, file, { signal, headers });
  return { vtt: await fsp.readFile(file, 'utf8'), language: row.captions_language ?? 'en' };
}

/**
 * Captions that arrive after the stream was published: add the subtitle rendition, then
 * rewrite the master in storage and the teacher's playlist in place (atomically).
 */
async function attachCaptions(deps: PipelineDeps, row: RecordingRow, owner: string, work: string, signal: AbortSignal): Promise<void> {
  const { storage, settings, store } = deps;
  if (!row.output_folder || !row.playlist_path) throw new ZoomhlsError('INVALID_STATE', `Recording ${row.id} has no published stream to caption`);
  const captions = await fetchCaptions(deps, row, work, signal);
  const masterKey = `${row.output_folder}/index.m3u8`;
  const master = await storage.getText(masterKey);
  if (!master) throw new ZoomhlsError('STORAGE_FAILED', `The published playlist ${masterKey} is missing`);
  const subs = await publishSubtitles(storage, settings, row.output_folder, captions, row.media_start_seconds ?? 0, row.duration_seconds ?? 0);
  const updated = addSubtitlesToMaster(master, subs.track);
  await storage.putText(masterKey, updated);
  const tmp = `${row.playlist_path}.${owner.replace(/[^A-Za-z0-9]/g, '')}.tmp`;
  try {
    await fsp.writeFile(tmp, updated);
    await fsp.rename(tmp, row.playlist_path);
  } catch (cause) {
    await fsp.rm(tmp, { force: true });
    throw new ZoomhlsError('PUBLISH_FAILED', `Cannot update ${row.playlist_path}`, { cause });
  }
  await store.markPublished(row.id, owner, { bytes_published: (row.bytes_published ?? 0) + subs.bytes });
  deps.logger.info({ recordingId: row.id, language: subs.track.language }, 'captions attached');
}

async function notifyPublished(deps: PipelineDeps, id: number, log: Logger): Promise<void> {
  if (!deps.onPublished) return;
  try {
    await deps.onPublished(await deps.store.require(id));
  } catch (error) {
    // The stream is published; an after-publish step failing must not undo that.
    log.warn({ err: { message: (error as Error).message } }, 'after-publish step failed');
  }
}

function stageTimer(observer: PipelineObserver | undefined) {
  let last = Date.now();
  return {
    lap(stage: 'download' | 'probe' | 'encode' | 'upload' | 'publish') {
      const now = Date.now();
      observer?.stageFinished?.(stage, (now - last) / 1000);
      last = now;
    },
  };
}
