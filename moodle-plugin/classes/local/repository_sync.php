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
 * Keeps one course-level File system repository instance per course folder.
 *
 * The sidecar writes playlists to <dataroot>/repository/<subdir>/course-<id>/; each such folder gets a
 * "Zoom recordings" instance in that course's context, so the course's teachers see it in the file
 * picker and no other course's.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class repository_sync {
    /**
     * Course ids of the course-<id> folders below a directory.
     *
     * @param string $dir absolute directory
     * @return int[] sorted ids
     */
    public static function course_folders(string $dir): array {
        $ids = [];
        foreach (scandir($dir) ?: [] as $name) {
            if (preg_match('/^course-([1-9][0-9]*)$/', $name, $m) && is_dir($dir . '/' . $name)) {
                $ids[] = (int)$m[1];
            }
        }
        sort($ids);
        return $ids;
    }

    /**
     * Creates the missing instances.
     *
     * @return array ['created' => int[] course ids, 'existing' => int[], 'nocourse' => int[], 'problem' => ?string]
     */
    public static function run(): array {
        global $CFG, $DB;
        require_once($CFG->dirroot . '/repository/lib.php');
        $result = ['created' => [], 'existing' => [], 'nocourse' => [], 'problem' => null];
        $subdir = trim((string)get_config('local_zoomhls', 'repositorysubdir'), '/');
        if ($subdir === '' || clean_param($subdir, PARAM_PATH) !== $subdir) {
            $result['problem'] = get_string('syncnosubdir', 'local_zoomhls');
            return $result;
        }
        $root = $CFG->dataroot . '/repository/' . $subdir;
        if (!is_dir($root)) {
            $result['problem'] = get_string('syncnofolder', 'local_zoomhls', $root);
            return $result;
        }
        $type = $DB->get_record('repository', ['type' => 'filesystem']);
        if (!$type || !$type->visible) {
            $result['problem'] = get_string('syncnotype', 'local_zoomhls');
            return $result;
        }
        $existing = $DB->get_records_sql_menu(
            "SELECT ric.value, ri.contextid
               FROM {repository_instances} ri
               JOIN {repository_instance_config} ric ON ric.instanceid = ri.id AND ric.name = 'fs_path'
              WHERE ri.typeid = :typeid", ['typeid' => $type->id]);
        foreach (self::course_folders($root) as $courseid) {
            $fspath = $subdir . '/course-' . $courseid;
            $context = \context_course::instance($courseid, IGNORE_MISSING);
            if (!$context) {
                $result['nocourse'][] = $courseid;
                continue;
            }
            if (isset($existing[$fspath]) && (int)$existing[$fspath] === (int)$context->id) {
                $result['existing'][] = $courseid;
                continue;
            }
            \repository::create('filesystem', 0, $context, [
                'name' => get_string('repositoryname', 'local_zoomhls'),
                'fs_path' => $fspath,
                'relativefiles' => 0,
            ]);
            $result['created'][] = $courseid;
        }
        return $result;
    }
}
