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
 * Test connection page: checks the sidecar URL, secret and cookie domain.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require_once(__DIR__ . '/../../config.php');
require_once($CFG->libdir . '/adminlib.php');

admin_externalpage_setup('local_zoomhls_testconnection');

$results = \local_zoomhls\local\connection_check::run((int)$USER->id);
$sync = \local_zoomhls\local\repository_sync::run();

echo $OUTPUT->header();
echo $OUTPUT->heading(get_string('testconnection', 'local_zoomhls'));

$table = new html_table();
$table->head = [get_string('check', 'local_zoomhls'), get_string('result', 'local_zoomhls')];
foreach ($results as $result) {
    $badge = $result['ok'] ? get_string('ok', 'local_zoomhls') : get_string('problem', 'local_zoomhls');
    $class = $result['ok'] ? 'badge bg-success text-white' : 'badge bg-danger text-white';
    $table->data[] = [
        get_string('check' . $result['name'], 'local_zoomhls'),
        html_writer::span($badge, $class) . ' ' . s($result['message']),
    ];
}
$repook = $sync['problem'] === null;
$table->data[] = [
    get_string('checkrepository', 'local_zoomhls'),
    html_writer::span($repook ? get_string('ok', 'local_zoomhls') : get_string('problem', 'local_zoomhls'),
        $repook ? 'badge bg-success text-white' : 'badge bg-danger text-white') . ' ' .
        s($repook ? get_string('checkrepositoryok', 'local_zoomhls',
            count($sync['created']) + count($sync['existing'])) : $sync['problem']),
];
echo html_writer::table($table);
echo $OUTPUT->footer();
