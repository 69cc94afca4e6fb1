import path from 'node:path';
import { execa } from 'execa';

/** The sidecar package folder, where the CLI's TypeScript entry point lives. */
export const SIDECAR = path.resolve(import.meta.dirname, '../..');

/** Environment for a CLI run on embedded defaults, everything under `dir`; nothing inherited. */
export type LocalEnv = Record<string, string> & {
  ZOOMHLS_DATA_DIR: string;
  ZOOMHLS_DATABASE_URL: string;
  ZOOMHLS_MEDIA_DIR: string;
  ZOOMHLS_REPOSITORY_DIR: string;
};

export function localEnv(dir: string, extra: Record<string, string> = {}): LocalEnv {
  return {
    PATH: process.env['PATH'] ?? '',
    ZOOMHLS_DATA_DIR: dir,
    ZOOMHLS_DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`,
    ZOOMHLS_MEDIA_DIR: path.join(dir, 'media'),
    ZOOMHLS_REPOSITORY_DIR: path.join(dir, 'repository'),
    ZOOMHLS_LOG_LEVEL: 'error',
    ...extra,
  };
}

/** Runs `zoomhls <args>` as an admin would, from source; never throws on a non-zero exit. */
export function runCli(args: string[], env: Record<string, string>, options: { detached?: boolean } = {}) {
  return execa(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: SIDECAR, env, extendEnv: false, reject: false, ...options });
}
