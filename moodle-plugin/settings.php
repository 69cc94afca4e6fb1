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
 * Admin settings.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

if ($hassiteconfig) {
    $settings = new admin_settingpage('local_zoomhls', get_string('pluginname', 'local_zoomhls'));
    $ADMIN->add('localplugins', $settings);
    $ADMIN->add('localplugins', new admin_externalpage('local_zoomhls_testconnection',
        get_string('testconnection', 'local_zoomhls'), new moodle_url('/local/zoomhls/testconnection.php')));
    $ADMIN->add('localplugins', new admin_externalpage('local_zoomhls_status',
        get_string('status', 'local_zoomhls'), new moodle_url('/local/zoomhls/status.php')));

    if ($ADMIN->fulltree) {
        $settings->add(new admin_setting_heading('local_zoomhls/testlink', '',
            html_writer::link(new moodle_url('/local/zoomhls/testconnection.php'),
                get_string('testconnection', 'local_zoomhls'))));
        $settings->add(new admin_setting_configtext('local_zoomhls/sidecarurl',
            get_string('sidecarurl', 'local_zoomhls'), get_string('sidecarurl_desc', 'local_zoomhls'), '', PARAM_URL));
        $settings->add(new admin_setting_configtext('local_zoomhls/timeout',
            get_string('timeout', 'local_zoomhls'), get_string('timeout_desc', 'local_zoomhls'), 2, PARAM_INT));
        $settings->add(new admin_setting_configpasswordunmask('local_zoomhls/sharedsecret',
            get_string('sharedsecret', 'local_zoomhls'), get_string('sharedsecret_desc', 'local_zoomhls'), ''));
        $settings->add(new admin_setting_configtext('local_zoomhls/cdnbaseurl',
            get_string('cdnbaseurl', 'local_zoomhls'), get_string('cdnbaseurl_desc', 'local_zoomhls'), '', PARAM_URL));
        $settings->add(new admin_setting_configtext('local_zoomhls/cookiedomain',
            get_string('cookiedomain', 'local_zoomhls'), get_string('cookiedomain_desc', 'local_zoomhls'), '',
            PARAM_RAW_TRIMMED));
        $settings->add(new admin_setting_configselect('local_zoomhls/accessmode',
            get_string('accessmode', 'local_zoomhls'), get_string('accessmode_desc', 'local_zoomhls'), 'course', [
                'course' => get_string('accessmodecourse', 'local_zoomhls'),
                'site' => get_string('accessmodesite', 'local_zoomhls'),
            ]));
        $settings->add(new admin_setting_configduration('local_zoomhls/cookielifetime',
            get_string('cookielifetime', 'local_zoomhls'), get_string('cookielifetime_desc', 'local_zoomhls'), 3600));
        $settings->add(new admin_setting_configtext('local_zoomhls/repositorysubdir',
            get_string('repositorysubdir', 'local_zoomhls'), get_string('repositorysubdir_desc', 'local_zoomhls'),
            'zoomhls', PARAM_PATH));
        $settings->add(new admin_setting_configcheckbox('local_zoomhls/watermark',
            get_string('watermark', 'local_zoomhls'), get_string('watermark_desc', 'local_zoomhls'), 0));
        $settings->add(new admin_setting_configtext('local_zoomhls/watermarktemplate',
            get_string('watermarktemplate', 'local_zoomhls'), get_string('watermarktemplate_desc', 'local_zoomhls'),
            '{fullname} {idnumber}', PARAM_TEXT));
    }
}
