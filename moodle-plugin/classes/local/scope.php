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
 * Computes the scope claim of an access token.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class scope {
    /** @var string Access mode: one cookie set per course. */
    const MODE_COURSE = 'course';

    /** @var string Access mode: one cookie set for the whole CDN (the original tool's behaviour). */
    const MODE_SITE = 'site';

    /** @var int Most courses put in one login token; each course costs 3-4 cookies in the browser. */
    const MAX_COURSES = 12;

    /**
     * Scope string for a set of courses, or "site" in site mode.
     *
     * @param string $mode course or site
     * @param int[] $courseids courses the user can view, most relevant first
     * @return string|null null when there is nothing to ask for (course mode, no course)
     */
    public static function for_courses(string $mode, array $courseids): ?string {
        if ($mode === self::MODE_SITE) {
            return 'site';
        }
        $ids = [];
        foreach ($courseids as $id) {
            $id = (int)$id;
            if ($id > 1 && !in_array($id, $ids, true)) {
                $ids[] = $id;
            }
            if (count($ids) >= self::MAX_COURSES) {
                break;
            }
        }
        if (!$ids) {
            return null;
        }
        return implode(' ', array_map(function ($id) {
            return 'course:' . $id;
        }, $ids));
    }

    /**
     * The key under which the plugin remembers when a scope's cookies expire.
     *
     * @param string $mode course or site
     * @param int $courseid course id (ignored in site mode)
     * @return string
     */
    public static function session_key(string $mode, int $courseid): string {
        return $mode === self::MODE_SITE ? 'site' : 'course:' . $courseid;
    }
}
