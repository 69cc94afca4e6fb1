import { execa } from 'execa';

/**
 * SSIM ("All", Y/U/V weighted by plane size) of `distorted` against `source`, both aligned to
 * their first frame. `distorted` may be a file or an HLS playlist URL.
 */
export async function ssim(distorted: string, source: string): Promise<number> {
  const { stderr } = await execa('ffmpeg', [
    '-v', 'info', '-nostats', '-protocol_whitelist', 'file,http,tcp,hls', '-i', distorted, '-i', source,
    '-lavfi', '[0:v]setpts=PTS-STARTPTS[d];[1:v]setpts=PTS-STARTPTS[r];[d][r]ssim', '-f', 'null', '-',
  ]);
  const m = /SSIM .* All:([0-9.]+)/.exec(stderr);
  if (!m) throw new Error(`no SSIM in ffmpeg output:\n${stderr.slice(-500)}`);
  return Number(m[1]);
}
