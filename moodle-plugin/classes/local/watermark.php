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
 * Renders the watermark template, e.g. "{fullname} {idnumber}".
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class watermark {
    /**
     * Replaces {field} placeholders; unknown placeholders become empty.
     *
     * @param string $template the admin's template
     * @param array $fields field => value (fullname, idnumber, username, email, userid)
     * @return string trimmed text with single spaces
     */
    public static function render(string $template, array $fields): string {
        $text = preg_replace_callback('/\{([a-z]+)\}/', function ($m) use ($fields) {
            return isset($fields[$m[1]]) ? (string)$fields[$m[1]] : '';
        }, $template);
        return trim(preg_replace('/\s+/u', ' ', $text));
    }
}
