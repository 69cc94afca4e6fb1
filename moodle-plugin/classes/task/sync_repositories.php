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

namespace local_zoomhls\task;

use local_zoomhls\local\repository_sync;

/**
 * Scheduled task: one File system repository instance per course folder of recordings.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class sync_repositories extends \core\task\scheduled_task {
    /**
     * Task name.
     *
     * @return string
     */
    public function get_name() {
        return get_string('tasksyncrepositories', 'local_zoomhls');
    }

    /**
     * Runs the sync and logs what it did.
     */
    public function execute() {
        $result = repository_sync::run();
        if ($result['problem'] !== null) {
            mtrace('local_zoomhls: ' . $result['problem']);
            return;
        }
        mtrace('local_zoomhls: repository instances created for courses [' . implode(', ', $result['created']) .
            '], already present for [' . implode(', ', $result['existing']) . '], folders without a course [' .
            implode(', ', $result['nocourse']) . ']');
    }
}
