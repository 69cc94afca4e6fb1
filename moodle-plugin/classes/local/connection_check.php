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
 * The checks of the "Test connection" page, in plain words.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class connection_check {
    /**
     * Runs every check.
     *
     * @param int $userid user the test token is made for (the admin)
     * @return array[] each ['name' => string, 'ok' => bool, 'message' => string]
     */
    public static function run(int $userid): array {
        global $CFG;
        $results = [];
        $url = trim((string)get_config('local_zoomhls', 'sidecarurl'));
        $secret = (string)get_config('local_zoomhls', 'sharedsecret');
        $results[] = self::result('settings', $url !== '' && $secret !== '',
            $url === '' ? get_string('checknourl', 'local_zoomhls') :
            ($secret === '' ? get_string('checknosecret', 'local_zoomhls') : get_string('checksettingsok', 'local_zoomhls')));
        if ($url === '' || $secret === '') {
            return $results;
        }
        $client = new sidecar_client($url, $secret, token_builder::issuer_from_wwwroot($CFG->wwwroot),
            sidecar_client::configured_timeout());
        try {
            [$status, $body] = $client->health();
            $results[] = self::result('healthz', $status === 200, $status === 200 ?
                get_string('checkhealthok', 'local_zoomhls') :
                get_string('checkhealthbad', 'local_zoomhls', (object)['status' => $status,
                    'detail' => access_response::error_text($body)]));
        } catch (sidecar_exception $e) {
            $results[] = self::result('healthz', false, get_string('checkunreachable', 'local_zoomhls',
                (object)['url' => $url, 'detail' => $e->getMessage()]));
            return $results;
        }
        try {
            $grant = $client->access($userid, 'site');
            $results[] = self::result('access', true, get_string('checkaccessok', 'local_zoomhls',
                (object)['count' => count($grant['cookies']), 'expires' => userdate($grant['expiresAt'])]));
        } catch (sidecar_exception $e) {
            if ($e->kind === 'refused' && $e->status === 401) {
                $message = get_string('checkaccess401', 'local_zoomhls', $e->getMessage());
            } else if ($e->kind === 'refused' && $e->status === 403) {
                $message = get_string('checkaccess403', 'local_zoomhls', (object)[
                    'origin' => token_builder::issuer_from_wwwroot($CFG->wwwroot), 'detail' => $e->getMessage()]);
            } else if ($e->kind === 'refused' && $e->status === 404) {
                $message = get_string('checkaccess404', 'local_zoomhls');
            } else {
                $message = get_string('checkaccessbad', 'local_zoomhls', $e->getMessage());
            }
            $results[] = self::result('access', false, $message);
        }
        $domain = trim((string)get_config('local_zoomhls', 'cookiedomain'));
        $host = (string)parse_url($CFG->wwwroot, PHP_URL_HOST);
        $results[] = self::result('cookiedomain', cookie_header::domain_matches($domain, $host), $domain === '' ?
            get_string('checkdomainhostonly', 'local_zoomhls') : (cookie_header::domain_matches($domain, $host) ?
            get_string('checkdomainok', 'local_zoomhls', $domain) :
            get_string('checkdomainbad', 'local_zoomhls', (object)['domain' => $domain, 'host' => $host])));
        return $results;
    }

    /**
     * One result row.
     *
     * @param string $name check id
     * @param bool $ok passed
     * @param string $message plain words
     * @return array
     */
    private static function result(string $name, bool $ok, string $message): array {
        return ['name' => $name, 'ok' => $ok, 'message' => $message];
    }
}
