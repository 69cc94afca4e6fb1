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

/**
 * Legacy callbacks for Moodle 4.1-4.3 (4.4+ uses the hooks in db/hooks.php instead).
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * Before the page's HTTP headers: refresh the course's cookies when needed.
 */
function local_zoomhls_before_http_headers() {
    \local_zoomhls\local\page_integration::before_http_headers();
}

/**
 * Before the footer: the player bundle on pages with .m3u8 media.
 *
 * @return string
 */
function local_zoomhls_before_footer() {
    return \local_zoomhls\local\page_integration::before_footer();
}
