import fs from 'node:fs';
import path from 'node:path';
import { connectDb, migrate } from '@zoomhls/sidecar/src/db/index.js';
import { enqueueImport, Worker } from '@zoomhls/sidecar/src/pipeline/index.js';
import { LocalStorage } from '@zoomhls/sidecar/src/storage/index.js';
import { makeClip } from '@zoomhls/sidecar/test/helpers/media.js';
import { tempDir, testDeps, testSettings } from '@zoomhls/sidecar/test/helpers/pipeline.js';

export interface TestStream {
  /** Root of the LocalStorage the edge (or the static stand-in) serves. */
  mediaRoot: string;
  /** `<prefix>/<courseKey>/<videoKey>` */
  outputFolder: string;
  courseKey: string;
  videoKey: string;
  courseId: number;
  /** The CDN URL of the master playlist. */
  masterUrl: string;
  /** The teacher's copy in the repository folder (what Moodle serves from pluginfile.php). */
  teacherPlaylist: string;
  durationSeconds: number;
  cleanup(): void;
}

export const COURSE_KEY_SECRET = 'e2e-course-key-secret-'.padEnd(64, 'x');

/**
 * Publishes a short lavfi lecture through the real sidecar pipeline (enqueueImport + Worker,
 * LocalStorage, ABR ladder 360p + 240p) with playlist URIs under `cdnBaseUrl`, then adds a
 * WebVTT subtitle rendition to the master playlist (the pipeline does not make captions yet).
 */
export async function publishTestStream(cdnBaseUrl: string, courseId = 12, seconds = 14): Promise<TestStream> {
  const dir = tempDir('zoomhls-e2e-');
  const db = connectDb({ url: `sqlite:${path.join(dir, 'db.sqlite')}` });
  await migrate(db.knex);
  const storage = new LocalStorage(path.join(dir, 'media'));
  const settings = testSettings(dir, { cdnBaseUrl, courseKeySecret: COURSE_KEY_SECRET, abrHeights: [360, 240], segmentSeconds: 4 });
  const deps = testDeps(db, storage, settings);
  const clip = await makeClip({ seconds, width: 640, height: 360, lecture: true });
  const { row } = await enqueueImport(deps.store, { source: clip, courseId, topic: 'Lecture 1', profile: 'abr', maxAttempts: 1 });
  await new Worker(deps, { leaseSeconds: 60, concurrency: 1 }).run('once');
  const done = await deps.store.require(row.id);
  await db.close();
  if (done.state !== 'published') throw new Error(`test stream not published: ${done.state} ${done.last_error ?? ''}`);

  const folder = done.output_folder!;
  const folderUrl = `${cdnBaseUrl}/${folder}`;
  const mediaRoot = path.join(dir, 'media');
  const subsDir = path.join(mediaRoot, folder, 'subs');
  fs.mkdirSync(subsDir, { recursive: true });
  fs.writeFileSync(path.join(subsDir, 'en.vtt'), webvtt(seconds));
  fs.writeFileSync(
    path.join(subsDir, 'en.m3u8'),
    ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-TARGETDURATION:${seconds}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', `#EXTINF:${seconds}.000,`, `${folderUrl}/subs/en.vtt`, '#EXT-X-ENDLIST', ''].join('\n'),
  );
  const withSubs = addSubtitleRendition(fs.readFileSync(done.playlist_path!, 'utf8'), `${folderUrl}/subs/en.m3u8`);
  fs.writeFileSync(path.join(mediaRoot, folder, 'index.m3u8'), withSubs);
  fs.writeFileSync(done.playlist_path!, withSubs);

  return {
    mediaRoot,
    outputFolder: folder,
    courseKey: done.course_key!,
    videoKey: done.video_key!,
    courseId,
    masterUrl: `${folderUrl}/index.m3u8`,
    teacherPlaylist: done.playlist_path!,
    durationSeconds: seconds,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function stamp(s: number): string {
  return `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
}

function webvtt(seconds: number): string {
  const cues = [];
  for (let s = 0; s < seconds; s += 2) cues.push(`${stamp(s)} --> ${stamp(Math.min(seconds, s + 2))}\nCaption at ${s} seconds\n`);
  return `WEBVTT\n\n${cues.join('\n')}`;
}

/** Adds `#EXT-X-MEDIA:TYPE=SUBTITLES` and points every variant at it. */
export function addSubtitleRendition(master: string, uri: string): string {
  if (!master.includes('#EXT-X-STREAM-INF')) throw new Error('expected a master playlist');
  const media = `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=NO,AUTOSELECT=YES,URI="${uri}"`;
  return master
    .split('\n')
    .flatMap((line, i) => {
      const out = line.startsWith('#EXT-X-STREAM-INF:') ? `${line},SUBTITLES="subs"` : line;
      return i === 0 ? [out, media] : [out];
    })
    .join('\n');
}
