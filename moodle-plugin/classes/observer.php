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

use local_zoomhls\local\access_manager;

/**
 * Event observers: every way of logging in ends with CloudFront cookies; logging out expires them.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class observer {
    /**
     * A user logged in (password, SSO, ...). With MFA on, the cookies wait for user_passed_mfa.
     *
     * @param \core\event\user_loggedin $event the event
     */
    public static function user_loggedin(\core\event\user_loggedin $event): void {
        if (self::mfa_enabled()) {
            return;
        }
        access_manager::grant_for_login((int)$event->objectid);
    }

    /**
     * An admin logged in as another user: cookies of that user.
     *
     * @param \core\event\user_loggedinas $event the event
     */
    public static function user_loggedinas(\core\event\user_loggedinas $event): void {
        access_manager::grant_for_login((int)$event->relateduserid);
    }

    /**
     * The user passed multi-factor authentication (only observed while tool_mfa is enabled).
     *
     * @param \core\event\base $event \tool_mfa\event\user_passed_mfa
     */
    public static function user_passed_mfa(\core\event\base $event): void {
        if (!self::mfa_enabled()) {
            return;
        }
        access_manager::grant_for_login((int)($event->other['userid'] ?? $event->userid));
    }

    /**
     * The user logged out: expire the cookies.
     *
     * @param \core\event\user_loggedout $event the event
     */
    public static function user_loggedout(\core\event\user_loggedout $event): void {
        access_manager::revoke((int)$event->objectid);
    }

    /**
     * Whether tool_mfa guards logins on this site (then user_loggedin comes before the second factor).
     *
     * @return bool
     */
    public static function mfa_enabled(): bool {
        if (!class_exists('\tool_mfa\manager') || !get_config('tool_mfa', 'enabled')) {
            return false;
        }
        return method_exists('\tool_mfa\manager', 'is_ready') ? \tool_mfa\manager::is_ready() : true;
    }
}
