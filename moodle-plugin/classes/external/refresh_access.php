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

namespace local_zoomhls\external;

// Moodle 4.1 has the external API as global classes in lib/externallib.php; 4.2+ in core_external.
if (!class_exists(\core_external\external_api::class)) {
    global $CFG;
    require_once($CFG->libdir . '/externallib.php');
    class_alias(\external_api::class, \core_external\external_api::class);
    class_alias(\external_function_parameters::class, \core_external\external_function_parameters::class);
    class_alias(\external_single_structure::class, \core_external\external_single_structure::class);
    class_alias(\external_value::class, \core_external\external_value::class);
}

use core_external\external_api;
use core_external\external_function_parameters;
use core_external\external_single_structure;
use core_external\external_value;
use local_zoomhls\local\access_manager;

/**
 * local_zoomhls_refresh_access: the player asks for fresh cookies after the CDN answered 403.
 *
 * The cookies travel as Set-Cookie headers of this AJAX response (they are HttpOnly).
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class refresh_access extends external_api {
    /**
     * Parameters.
     *
     * @return external_function_parameters
     */
    public static function execute_parameters(): external_function_parameters {
        return new external_function_parameters([
            'courseid' => new external_value(PARAM_INT, 'Course whose recordings the player shows'),
        ]);
    }

    /**
     * Sets fresh cookies when the user can view the course.
     *
     * @param int $courseid course id
     * @return array ok, expiresAt
     */
    public static function execute(int $courseid): array {
        global $DB, $USER;
        ['courseid' => $courseid] = self::validate_parameters(self::execute_parameters(), ['courseid' => $courseid]);
        $course = $DB->get_record('course', ['id' => $courseid]);
        if (!$course) {
            return ['ok' => false, 'expiresAt' => 0];
        }
        // Login and sesskey are checked by the AJAX service; the system context keeps a user who may not
        // enter the course from getting a require_login exception (the player shows "denied" for ok=false).
        self::validate_context(\context_system::instance());
        if (isguestuser() || ($course->id != SITEID && !can_access_course($course, null, '', true))) {
            return ['ok' => false, 'expiresAt' => 0];
        }
        $expiry = access_manager::ensure_for_course((int)$USER->id, (int)$course->id, true);
        return ['ok' => $expiry !== null, 'expiresAt' => (int)$expiry];
    }

    /**
     * Result.
     *
     * @return external_single_structure
     */
    public static function execute_returns(): external_single_structure {
        return new external_single_structure([
            'ok' => new external_value(PARAM_BOOL, 'Whether fresh cookies were set'),
            'expiresAt' => new external_value(PARAM_INT, 'Unix time the cookies expire, 0 when none'),
        ]);
    }
}
