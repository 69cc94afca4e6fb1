// Stand-in for mpd-parser: the zoomhls player plays HLS VOD only, so the DASH manifest parser
// (and the XML parser it needs) is left out of the bundle. VHS only calls these for DASH sources,
// which the player never passes to it.
function dashUnsupported(): never {
  throw new Error('DASH is not supported by the zoomhls player');
}
export const parse = dashUnsupported;
export const parseUTCTiming = dashUnsupported;
export const addSidxSegmentsToPlaylist = dashUnsupported;
export const generateSidxKey = dashUnsupported;
