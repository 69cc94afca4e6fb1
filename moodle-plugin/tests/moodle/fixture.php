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
 * Drives the installed plugin inside a real Moodle for tests/moodle.test.mjs.
 *
 * Usage: php fixture.php <moodle config.php> <command> '<json args>'
 * Prints one line "RESULT:<json>" at the end; everything else is Moodle's own output.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('CLI_SCRIPT', true);

[, $configphp, $command, $argsjson] = $argv + [null, null, null, '{}'];
require($configphp);
require_once($CFG->libdir . '/enrollib.php');
require_once($CFG->dirroot . '/course/lib.php');
require_once($CFG->dirroot . '/repository/lib.php');

use local_zoomhls\local\access_manager;

$args = json_decode($argsjson, true) ?: [];
// CLI has no session id; a login from an earlier run left a session row with the empty id.
$DB->delete_records('sessions', ['sid' => (string)session_id()]);
$CFG->debug = DEBUG_DEVELOPER;
$CFG->debugdisplay = 1;

/**
 * Prints the result line and stops.
 *
 * @param array $data result
 */
function fixture_result(array $data): void {
    $data['emitted'] = access_manager::$emitted;
    $data['sidecarcalls'] = access_manager::$sidecarcalls;
    echo "\nRESULT:" . json_encode($data) . "\n";
    exit(0);
}

/**
 * A user by username, created when missing.
 *
 * @param string $username username
 * @return stdClass
 */
function fixture_user(string $username): stdClass {
    global $DB, $CFG;
    require_once($CFG->dirroot . '/user/lib.php');
    $user = $DB->get_record('user', ['username' => $username]);
    if (!$user) {
        $id = user_create_user((object)['username' => $username, 'firstname' => 'Test', 'lastname' => $username,
            'email' => $username . '@example.com', 'password' => 'Pass-1234-word', 'idnumber' => 'ID-' . $username,
            'auth' => 'manual', 'confirmed' => 1, 'mnethostid' => $CFG->mnet_localhost_id]);
        $user = $DB->get_record('user', ['id' => $id]);
    }
    return $user;
}

/**
 * Enrols a user with a role.
 *
 * @param int $courseid course
 * @param int $userid user
 * @param string $role role shortname
 */
function fixture_enrol(int $courseid, int $userid, string $role): void {
    global $DB;
    $plugin = enrol_get_plugin('manual');
    $instance = $DB->get_record('enrol', ['courseid' => $courseid, 'enrol' => 'manual'], '*', MUST_EXIST);
    $plugin->enrol_user($instance, $userid, $DB->get_field('role', 'id', ['shortname' => $role]));
}

switch ($command) {
    case 'config':
        foreach ($args as $name => $value) {
            set_config($name, $value, 'local_zoomhls');
        }
        fixture_result(['ok' => true]);
        break;

    case 'setup':
        // Two courses; a student and a teacher in course A; an outsider in no course.
        $run = $args['run'];
        $courses = [];
        foreach (['a', 'b'] as $letter) {
            $shortname = 'zoomhls-' . $run . '-' . $letter;
            $course = $DB->get_record('course', ['shortname' => $shortname]) ?: create_course((object)[
                'fullname' => 'Zoomhls ' . $run . ' ' . $letter, 'shortname' => $shortname, 'category' => 1]);
            $courses[$letter] = (int)$course->id;
        }
        $student = fixture_user('student-' . $run);
        $teacher = fixture_user('teacher-' . $run);
        $outsider = fixture_user('outsider-' . $run);
        fixture_enrol($courses['a'], $student->id, 'student');
        fixture_enrol($courses['a'], $teacher->id, 'editingteacher');
        fixture_result(['courseA' => $courses['a'], 'courseB' => $courses['b'], 'student' => $student->username,
            'teacher' => $teacher->username, 'outsider' => $outsider->username]);
        break;

    case 'login':
        $user = fixture_user($args['username']);
        $start = microtime(true);
        complete_user_login($user);
        $ms = (int)round((microtime(true) - $start) * 1000);
        fixture_result(['ms' => $ms, 'userid' => (int)$user->id, 'session' => $SESSION->local_zoomhls ?? null]);
        break;

    case 'loginas':
        // An admin logs in as the user: the cookies are the user's.
        complete_user_login(get_admin());
        access_manager::$emitted = [];
        access_manager::$sidecarcalls = 0;
        $user = fixture_user($args['username']);
        \core\session\manager::loginas($user->id, context_system::instance());
        fixture_result(['userid' => (int)$user->id, 'realuser' => (int)\core\session\manager::get_realuser()->id,
            'session' => $SESSION->local_zoomhls ?? null]);
        break;

    case 'privacy':
        $collection = new \core_privacy\local\metadata\collection('local_zoomhls');
        $items = [];
        foreach (\local_zoomhls\privacy\provider::get_metadata($collection)->get_collection() as $item) {
            $items[] = ['type' => get_class($item), 'name' => $item->get_name(), 'fields' => array_keys($item->get_privacy_fields()),
                'summary' => get_string($item->get_summary(), 'local_zoomhls')];
        }
        $manager = new \core_privacy\manager();
        fixture_result(['items' => $items, 'compliant' => $manager->component_is_compliant('local_zoomhls')]);
        break;

    case 'mfa':
        // With tool_mfa on, user_loggedin must not grant (the second factor is still to come);
        // user_passed_mfa must. The previous MFA settings are put back afterwards.
        if (!class_exists('\\tool_mfa\\manager')) {
            fixture_result(['nomfa' => true]);
        }
        $previous = [get_config('tool_mfa', 'enabled'), get_config('factor_nosetup', 'enabled')];
        set_config('enabled', 1, 'tool_mfa');
        set_config('enabled', 1, 'factor_nosetup');
        try {
            $user = fixture_user($args['username']);
            complete_user_login($user);
            $afterlogin = access_manager::$sidecarcalls;
            \tool_mfa\event\user_passed_mfa::user_passed_mfa_event($user)->trigger();
            $aftermfa = access_manager::$sidecarcalls;
        } finally {
            set_config('enabled', $previous[0], 'tool_mfa');
            set_config('enabled', $previous[1], 'factor_nosetup');
        }
        fixture_result(['afterlogin' => $afterlogin, 'aftermfa' => $aftermfa, 'session' => $SESSION->local_zoomhls ?? null]);
        break;

    case 'siteadmin':
        // Adds (or, with remove, takes away) a test user to the site administrators.
        $user = fixture_user($args['username']);
        $admins = array_filter(explode(',', $CFG->siteadmins));
        $admins = empty($args['remove']) ? array_unique(array_merge($admins, [$user->id])) :
            array_diff($admins, [$user->id]);
        set_config('siteadmins', implode(',', $admins));
        fixture_result(['ok' => true]);
        break;

    case 'enrol':
        fixture_enrol((int)$args['courseid'], (int)fixture_user($args['username'])->id, $args['role'] ?? 'student');
        fixture_result(['ok' => true]);
        break;

    case 'sectionsummary':
        // Puts HTML (e.g. a link to a playlist) in the summary of a course's first section.
        $DB->set_field('course_sections', 'summary', $args['html'], ['course' => (int)$args['courseid'], 'section' => 0]);
        $DB->set_field('course_sections', 'summaryformat', FORMAT_HTML, ['course' => (int)$args['courseid'], 'section' => 0]);
        rebuild_course_cache((int)$args['courseid'], true);
        fixture_result(['ok' => true]);
        break;

    case 'loginlogout':
        $user = fixture_user($args['username']);
        complete_user_login($user);
        $set = access_manager::$emitted;
        access_manager::$emitted = [];
        require_logout();
        fixture_result(['set' => $set, 'loggedin' => isloggedin()]);
        break;

    case 'refresh':
        $user = fixture_user($args['username']);
        \core\session\manager::set_user($user);
        // CLI cannot go through call_external_function (it refuses sessions without cookies): call the
        // function and clean its return value as the AJAX service does.
        try {
            $data = \local_zoomhls\external\refresh_access::execute((int)$args['courseid']);
            $data = \core_external\external_api::clean_returnvalue(
                \local_zoomhls\external\refresh_access::execute_returns(), $data);
            $response = ['error' => false, 'data' => $data];
        } catch (Exception $e) {
            $response = ['error' => true, 'exception' => ['errorcode' => $e->errorcode ?? '', 'message' => $e->getMessage()]];
        }
        fixture_result(['response' => $response]);
        break;

    case 'sync':
        if (!empty($args['enabletype'])) {
            if (!$DB->record_exists('repository', ['type' => 'filesystem'])) {
                $type = new repository_type('filesystem', ['enablecourseinstances' => 1, 'enableuserinstances' => 0], true);
                $type->create(true);
            }
            $DB->set_field('repository', 'visible', 1, ['type' => 'filesystem']);
        }
        $task = \core\task\manager::get_scheduled_task(\local_zoomhls\task\sync_repositories::class);
        ob_start();
        $task->execute();
        $log = ob_get_clean();
        $rows = $DB->get_records_sql(
            "SELECT ri.id, ri.name, ctx.instanceid AS courseid, ctx.contextlevel, ric.value AS fspath
               FROM {repository_instances} ri
               JOIN {repository} r ON r.id = ri.typeid AND r.type = 'filesystem'
               JOIN {context} ctx ON ctx.id = ri.contextid
               JOIN {repository_instance_config} ric ON ric.instanceid = ri.id AND ric.name = 'fs_path'");
        fixture_result(['log' => $log, 'instances' => array_values(array_map(function ($r) {
            return ['name' => $r->name, 'courseid' => (int)$r->courseid, 'contextlevel' => (int)$r->contextlevel,
                'fspath' => $r->fspath];
        }, $rows))]);
        break;

    case 'listing':
        // What the file picker shows a user in a course: the File system instances and their files.
        $user = fixture_user($args['username']);
        \core\session\manager::set_user($user);
        $context = context_course::instance((int)$args['courseid']);
        $out = [];
        foreach (repository::get_instances(['context' => [$context], 'currentcontext' => $context, 'type' => 'filesystem']) as $repo) {
            $listing = $repo->get_listing('');
            $out[] = ['name' => $repo->get_name(), 'files' => array_values(array_map(function ($f) {
                return $f['title'];
            }, $listing['list']))];
        }
        fixture_result(['repositories' => $out]);
        break;

    case 'check':
        \core\session\manager::set_user(get_admin());
        fixture_result(['checks' => \local_zoomhls\local\connection_check::run((int)get_admin()->id)]);
        break;

    case 'pageplayer':
        // The footer callback on a page whose body has (or has not) an .m3u8 link.
        $user = fixture_user($args['username']);
        \core\session\manager::set_user($user);
        $PAGE->set_url('/course/view.php', ['id' => $args['courseid']]);
        $PAGE->set_course(get_course((int)$args['courseid']));
        $PAGE->set_pagelayout('course');
        // CLI scripts get the text renderer; a browser gets the HTML one, with the head and footer hooks.
        $OUTPUT = $PAGE->get_renderer('core', null, RENDERER_TARGET_GENERAL);
        ob_start();
        echo $OUTPUT->header();
        echo $args['body'];
        echo $OUTPUT->footer();
        $html = ob_get_clean();
        fixture_result(['playerTags' => substr_count($html, 'zoomhls-player.js'),
            'init' => preg_match('/ZoomHLS\.init\((\{.*?\})\)<\/script>/', $html, $m) ? json_decode($m[1], true) : null]);
        break;

    default:
        echo "unknown command $command\n";
        exit(2);
}
