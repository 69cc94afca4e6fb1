import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ZoomhlsError } from '../errors.js';
import { courseFolderName, playlistFileName, safeJoin } from './names.js';

/**
 * Writes the teacher-facing playlist into Moodle's File system repository folder, last and
 * atomically: the file appears complete or not at all. A name taken by another recording gets
 * " (2)", " (3)"…; a resumed job reuses the name it chose before (or finds its own file by its
 * video folder), so it never makes a second file.
 */
export async function publishToRepository(o: {
  repositoryDir: string;
  courseId: number;
  startTime: number;
  topic: string;
  timeZone: string;
  text: string;
  /** A string only this recording's playlist contains (its video folder). */
  ownMarker: string;
  /** The path this job chose in an earlier attempt, if any. */
  previousPath: string | null;
  /** Persists the chosen path before the file appears, so a crash cannot orphan it. */
  savePath: (fullPath: string) => Promise<void>;
}): Promise<string> {
  const folder = safeJoin(o.repositoryDir, courseFolderName(o.courseId));
  try {
    await fsp.mkdir(folder, { recursive: true });
  } catch (cause) {
    throw new ZoomhlsError('PUBLISH_FAILED', `Cannot create the repository folder ${folder}`, { cause });
  }
  const tmp = path.join(folder, `.zoomhls-${randomBytes(8).toString('hex')}.tmp`);
  await fsp.writeFile(tmp, o.text);
  try {
    if (o.previousPath && path.dirname(o.previousPath) === folder && (await isOursOrAbsent(o.previousPath, o.ownMarker))) {
      await fsp.rename(tmp, o.previousPath);
      return o.previousPath;
    }
    for (let n = 1; n < 1000; n++) {
      const candidate = safeJoin(folder, playlistFileName(o.startTime, o.topic, o.timeZone, n));
      if (fs.existsSync(candidate)) {
        // Our own file under a name the database forgot (a power cut can roll back the commit that
        // saved it, with SQLite's synchronous=NORMAL): replace it rather than add " (2)".
        if (!(await isOursOrAbsent(candidate, o.ownMarker))) continue;
        await o.savePath(candidate);
        await fsp.rename(tmp, candidate);
        return candidate;
      }
      await o.savePath(candidate);
      try {
        // link() fails with EEXIST if another worker took the name meanwhile: no overwrite race.
        await fsp.link(tmp, candidate);
        return candidate;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new ZoomhlsError('PUBLISH_FAILED', `No free file name for "${o.topic}" in ${folder}`);
  } catch (cause) {
    if (cause instanceof ZoomhlsError) throw cause;
    throw new ZoomhlsError('PUBLISH_FAILED', `Cannot write the playlist into ${folder}`, { cause });
  } finally {
    await fsp.rm(tmp, { force: true });
  }
}

async function isOursOrAbsent(file: string, marker: string): Promise<boolean> {
  try {
    return (await fsp.readFile(file, 'utf8')).includes(marker);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}
