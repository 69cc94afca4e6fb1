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

namespace local_zoomhls\privacy;

use core_privacy\local\metadata\collection;
use core_privacy\local\request\approved_contextlist;
use core_privacy\local\request\approved_userlist;
use core_privacy\local\request\contextlist;
use core_privacy\local\request\userlist;

/**
 * Privacy provider: the plugin stores no personal data, but sends the user id to the sidecar.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class provider implements
        \core_privacy\local\metadata\provider,
        \core_privacy\local\request\core_userlist_provider,
        \core_privacy\local\request\plugin\provider {

    /**
     * Describes the data sent to the sidecar.
     *
     * @param collection $collection the collection
     * @return collection
     */
    public static function get_metadata(collection $collection): collection {
        $collection->link_external_location('sidecar', [
            'userid' => 'privacy:metadata:sidecar:userid',
            'courseids' => 'privacy:metadata:sidecar:courseids',
        ], 'privacy:metadata:sidecar');
        return $collection;
    }

    /**
     * No stored data: no contexts.
     *
     * @param int $userid user
     * @return contextlist
     */
    public static function get_contexts_for_userid(int $userid): contextlist {
        return new contextlist();
    }

    /**
     * No stored data: no users.
     *
     * @param userlist $userlist the list
     */
    public static function get_users_in_context(userlist $userlist) {
    }

    /**
     * No stored data to export.
     *
     * @param approved_contextlist $contextlist contexts
     */
    public static function export_user_data(approved_contextlist $contextlist) {
    }

    /**
     * No stored data to delete.
     *
     * @param \context $context context
     */
    public static function delete_data_for_all_users_in_context(\context $context) {
    }

    /**
     * No stored data to delete.
     *
     * @param approved_contextlist $contextlist contexts
     */
    public static function delete_data_for_user(approved_contextlist $contextlist) {
    }

    /**
     * No stored data to delete.
     *
     * @param approved_userlist $userlist users
     */
    public static function delete_data_for_users(approved_userlist $userlist) {
    }
}
