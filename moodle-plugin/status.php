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
 * Import status page: the sidecar's queue (state, course, error) with a Retry button for failures.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require_once(__DIR__ . '/../../config.php');
require_once($CFG->libdir . '/adminlib.php');

admin_externalpage_setup('local_zoomhls_status');
$pageurl = new moodle_url('/local/zoomhls/status.php');
$client = \local_zoomhls\local\sidecar_client::from_config();

$retry = optional_param('retry', 0, PARAM_INT);
if ($retry > 0 && $client !== null) {
    require_sesskey();
    try {
        $client->retry((int)$USER->id, $retry);
        redirect($pageurl, get_string('statusretried', 'local_zoomhls', $retry), null, \core\output\notification::NOTIFY_SUCCESS);
    } catch (\local_zoomhls\local\sidecar_exception $e) {
        redirect($pageurl, get_string('statuserror', 'local_zoomhls', $e->getMessage()), null,
            \core\output\notification::NOTIFY_ERROR);
    }
}

echo $OUTPUT->header();
echo $OUTPUT->heading(get_string('status', 'local_zoomhls'));
if ($client === null) {
    echo $OUTPUT->notification(get_string('statusnotconfigured', 'local_zoomhls'), 'warning');
    echo $OUTPUT->footer();
    exit;
}
try {
    $recordings = $client->recordings((int)$USER->id);
} catch (\local_zoomhls\local\sidecar_exception $e) {
    echo $OUTPUT->notification(get_string('statuserror', 'local_zoomhls', $e->getMessage()), 'error');
    echo $OUTPUT->footer();
    exit;
}
if (!$recordings) {
    echo html_writer::tag('p', get_string('statusempty', 'local_zoomhls'));
}
$table = new html_table();
$table->head = [
    get_string('statusid', 'local_zoomhls'), get_string('statusstate', 'local_zoomhls'),
    get_string('course'), get_string('statusstart', 'local_zoomhls'), get_string('statustopic', 'local_zoomhls'),
    get_string('statuslasterror', 'local_zoomhls'), '',
];
foreach ($recordings as $recording) {
    $courseid = (int)($recording['course_id'] ?? 0);
    $course = $courseid > 0 ? html_writer::link(new moodle_url('/course/view.php', ['id' => $courseid]), $courseid) : '–';
    $action = '';
    if (($recording['state'] ?? '') === 'failed') {
        $action = $OUTPUT->single_button(new moodle_url($pageurl, ['retry' => (int)$recording['id'], 'sesskey' => sesskey()]),
            get_string('statusretry', 'local_zoomhls'), 'post');
    }
    $table->data[] = [
        (int)$recording['id'],
        s((string)($recording['state'] ?? '')),
        $course,
        userdate((int)floor(((int)($recording['start_time'] ?? 0)) / 1000)),
        s((string)($recording['topic'] ?? '')),
        s(trim(($recording['last_error_code'] ?? '') . ' ' . strtok((string)($recording['last_error'] ?? ''), "\n"))),
        $action,
    ];
}
echo html_writer::table($table);
echo $OUTPUT->footer();
