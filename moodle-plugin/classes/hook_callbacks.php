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

namespace local_zoomhls;

use local_zoomhls\local\page_integration;

/**
 * Hook callbacks (Moodle 4.4 and later; lib.php has the legacy callbacks for 4.1-4.3).
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class hook_callbacks {
    /**
     * Before the page's HTTP headers: refresh the course's cookies when needed.
     *
     * @param \core\hook\output\before_http_headers $hook the hook
     */
    public static function before_http_headers($hook): void {
        page_integration::before_http_headers();
    }

    /**
     * Before the footer: the player bundle on pages with .m3u8 media.
     *
     * @param \core\hook\output\before_footer_html_generation $hook the hook
     */
    public static function before_footer_html_generation($hook): void {
        $hook->add_html(page_integration::before_footer());
    }
}
