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
 * Checks and decodes the sidecar's /v1/access answer.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class access_response {
    /**
     * Decodes a 200 body.
     *
     * @param string $body raw JSON
     * @return array ['expiresAt' => int, 'cookies' => array[]]
     * @throws \UnexpectedValueException when the body is not what the contract says
     */
    public static function parse(string $body): array {
        $data = json_decode($body, true);
        if (!is_array($data) || !isset($data['expiresAt']) || !is_int($data['expiresAt'])
                || !isset($data['cookies']) || !is_array($data['cookies'])) {
            throw new \UnexpectedValueException('The sidecar answered something that is not an access grant: '
                . self::excerpt($body));
        }
        $cookies = [];
        foreach ($data['cookies'] as $cookie) {
            if (!is_array($cookie) || !isset($cookie['name'], $cookie['value']) || !is_string($cookie['name'])
                    || !is_string($cookie['value'])) {
                throw new \UnexpectedValueException('The sidecar answered a cookie without name or value.');
            }
            $cookies[] = [
                'name' => $cookie['name'],
                'value' => $cookie['value'],
                'domain' => isset($cookie['domain']) && is_string($cookie['domain']) ? $cookie['domain'] : null,
                'path' => isset($cookie['path']) && is_string($cookie['path']) ? $cookie['path'] : '/',
            ];
        }
        return ['expiresAt' => $data['expiresAt'], 'cookies' => $cookies];
    }

    /**
     * The error message of a non-200 body ({"error":{"code","message"}}), or an excerpt.
     *
     * @param string $body raw body
     * @return string
     */
    public static function error_text(string $body): string {
        $data = json_decode($body, true);
        if (is_array($data) && isset($data['error']['code'])) {
            return $data['error']['code'] . ': ' . ($data['error']['message'] ?? '');
        }
        return self::excerpt($body);
    }

    /**
     * First characters of a body, on one line, for logs.
     *
     * @param string $body raw body
     * @return string
     */
    private static function excerpt(string $body): string {
        $one = preg_replace('/\s+/', ' ', $body);
        return strlen($one) > 120 ? substr($one, 0, 120) . '…' : $one;
    }
}
