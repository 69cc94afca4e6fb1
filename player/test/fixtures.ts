/** Page fragments shaped like Moodle's output (media_videojs 4.x/5.x, filter_mediaplugin). */
export const PLAYLIST = 'https://moodle.example.edu/pluginfile.php/31/mod_page/content/2/2026-12-04%200930%20Lecture%201.m3u8';

export function mediaVideojs(src = PLAYLIST, id = 'id_videojs_1'): string {
  return `<div class="mediaplugin mediaplugin_videojs d-block">
<div style="max-width:400px;"><video id="${id}" class="video-js" preload="auto" controls="true" title="Lecture 1"
 data-setup-lazy="{&quot;techOrder&quot;: [&quot;html5&quot;], &quot;fluid&quot;: true}"><source src="${src}" type="application/x-mpegURL" />
<track kind="captions" src="https://moodle.example.edu/pluginfile.php/31/en.vtt" srclang="en" label="English" default>
<a class="mediafallbacklink" href="${src}">Lecture 1.m3u8</a></video></div></div>`;
}

export function mediaVideojsMp4(): string {
  return `<div class="mediaplugin mediaplugin_videojs d-block"><div style="max-width:400px;"><video id="id_mp4" class="video-js" data-setup-lazy="{}">
<source src="https://moodle.example.edu/pluginfile.php/31/clip.mp4" type="video/mp4" /></video></div></div>`;
}
