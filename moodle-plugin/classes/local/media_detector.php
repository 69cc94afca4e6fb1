<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

namespace local_zoomhls\local;

/**
 * Tells whether page HTML embeds or links HLS (.m3u8) media.
 *
 * Matches links, <video>/<source> sources and what media_videojs renders for an .m3u8 link.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class media_detector {
    /**
     * Whether the HTML has .m3u8 media.
     *
     * @param string $html page or fragment HTML
     * @return bool
     */
    public static function has_hls(string $html): bool {
        if (stripos($html, 'm3u8') === false && stripos($html, 'mpegurl') === false) {
            return false;
        }
        // An attribute (href, src, data-*) whose value ends in .m3u8, optionally with a query or fragment.
        if (preg_match('/\s(?:href|src|data-[a-z0-9-]+)\s*=\s*(["\'])[^"\']*?\.m3u8(?:[?#][^"\']*)?\1/i', $html)) {
            return true;
        }
        // A <source> or <video> typed as HLS.
        return (bool)preg_match('/\stype\s*=\s*(["\'])application\/(?:x-mpegurl|vnd\.apple\.mpegurl)\1/i', $html);
    }
}
