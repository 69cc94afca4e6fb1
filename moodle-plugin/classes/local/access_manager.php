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
 * Gets CloudFront cookies from the sidecar and sets or expires them on the current response.
 *
 * What the plugin remembers:
 * - in $SESSION->local_zoomhls: expiry per scope key, so course pages refresh only when needed;
 * - in the application cache "issuedcookies" (per user): the name/path/domain of every cookie it
 *   set, because logout destroys the session before the user_loggedout event fires.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class access_manager {
    /** @var int Refresh this many seconds before the cookies expire. */
    const REFRESH_MARGIN = 60;

    /** @var string[] Set-Cookie values emitted during this request (read by the CLI test suite). */
    public static $emitted = [];

    /** @var int Sidecar calls attempted during this request (read by the CLI test suite). */
    public static $sidecarcalls = 0;

    /**
     * Access mode setting.
     *
     * @return string course or site
     */
    public static function mode(): string {
        return get_config('local_zoomhls', 'accessmode') === scope::MODE_SITE ? scope::MODE_SITE : scope::MODE_COURSE;
    }

    /**
     * On login: cookies for the courses the user can view (or the site).
     *
     * Never throws: a failing sidecar is logged and the login goes on.
     *
     * @param int $userid the user who just logged in
     * @return bool whether cookies were set
     */
    public static function grant_for_login(int $userid): bool {
        $courseids = [];
        if (self::mode() === scope::MODE_COURSE) {
            $courses = enrol_get_all_users_courses($userid, true, 'id');
            $courseids = array_keys($courses);
        }
        $scope = scope::for_courses(self::mode(), $courseids);
        if ($scope === null) {
            return false;
        }
        $keys = self::mode() === scope::MODE_SITE ? ['site'] : array_map(function ($s) {
            return $s;
        }, explode(' ', $scope));
        return self::grant($userid, $scope, $keys);
    }

    /**
     * On a course page or a refresh call: cookies for one course when missing or near expiry.
     *
     * The caller has checked that the user can view the course.
     *
     * @param int $userid user
     * @param int $courseid course
     * @param bool $force ask even if the remembered cookies are still valid
     * @return int|null expiry of the cookies, null when the sidecar could not give any
     */
    public static function ensure_for_course(int $userid, int $courseid, bool $force = false): ?int {
        $key = scope::session_key(self::mode(), $courseid);
        $expiry = self::remembered_expiry($key);
        if (!$force && $expiry !== null && $expiry - self::REFRESH_MARGIN > time()) {
            return $expiry;
        }
        $scope = self::mode() === scope::MODE_SITE ? 'site' : 'course:' . $courseid;
        if (!self::grant($userid, $scope, [$key])) {
            return null;
        }
        return self::remembered_expiry($key);
    }

    /**
     * On logout: expires every cookie the plugin set for this user.
     *
     * @param int $userid the user who logged out
     * @return int number of cookies expired
     */
    public static function revoke(int $userid): int {
        $cache = \cache::make('local_zoomhls', 'issuedcookies');
        $issued = $cache->get($userid) ?: [];
        $secure = self::secure();
        foreach ($issued as $cookie) {
            self::emit(cookie_header::expire_value($cookie['name'], $cookie['path'], $cookie['domain'], $secure));
        }
        $cache->delete($userid);
        return count($issued);
    }

    /**
     * Calls the sidecar and sets the cookies it returns.
     *
     * @param int $userid user
     * @param string $scope scope claim
     * @param string[] $keys session keys to mark with the expiry
     * @return bool success
     */
    private static function grant(int $userid, string $scope, array $keys): bool {
        global $SESSION;
        $client = sidecar_client::from_config();
        if (!$client) {
            return false;
        }
        self::$sidecarcalls++;
        try {
            $grant = $client->access($userid, $scope);
            $domain = trim((string)get_config('local_zoomhls', 'cookiedomain'));
            $secure = self::secure();
            $lines = [];
            $identities = [];
            foreach ($grant['cookies'] as $cookie) {
                $lines[] = cookie_header::set_value($cookie, $secure, $domain);
                $identities[] = cookie_header::identity($cookie, $domain);
            }
        } catch (\Exception $e) {
            error_log('local_zoomhls: no CloudFront cookies for user ' . $userid . ' (' . $scope . '): ' .
                $e->getMessage());
            return false;
        }
        foreach ($lines as $line) {
            self::emit($line);
        }
        self::remember_issued($userid, $identities);
        $lifetime = (int)get_config('local_zoomhls', 'cookielifetime');
        $expiry = $grant['expiresAt'];
        if ($lifetime > 0) {
            $expiry = min($expiry, time() + $lifetime);
        }
        if (!isset($SESSION->local_zoomhls) || !is_array($SESSION->local_zoomhls)) {
            $SESSION->local_zoomhls = [];
        }
        foreach ($keys as $key) {
            $SESSION->local_zoomhls[$key] = $expiry;
        }
        return true;
    }

    /**
     * Expiry remembered in the session for a scope key.
     *
     * @param string $key scope key
     * @return int|null
     */
    public static function remembered_expiry(string $key): ?int {
        global $SESSION;
        return isset($SESSION->local_zoomhls[$key]) ? (int)$SESSION->local_zoomhls[$key] : null;
    }

    /**
     * Adds cookie identities to the per-user list used at logout.
     *
     * @param int $userid user
     * @param array $identities name/path/domain entries
     */
    private static function remember_issued(int $userid, array $identities): void {
        $cache = \cache::make('local_zoomhls', 'issuedcookies');
        $issued = $cache->get($userid) ?: [];
        foreach ($identities as $identity) {
            $issued[implode('|', $identity)] = $identity;
        }
        // Bounded: the oldest entries go first.
        $cache->set($userid, array_slice($issued, -200, null, true));
    }

    /**
     * Whether cookies get the Secure attribute: Moodle is served over https.
     *
     * @return bool
     */
    private static function secure(): bool {
        global $CFG;
        return stripos($CFG->wwwroot, 'https://') === 0;
    }

    /**
     * Adds one Set-Cookie header to the response (and records it).
     *
     * @param string $value header value
     */
    private static function emit(string $value): void {
        self::$emitted[] = $value;
        if (!headers_sent()) {
            header('Set-Cookie: ' . $value, false);
        }
    }
}
