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
 * Builds the short-lived HS256 token the plugin sends to the sidecar's /v1/access.
 *
 * Pure: no Moodle API, so it is unit-tested without Moodle.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class token_builder {
    /** @var int Seconds a token is valid (the sidecar accepts at most 300). */
    const LIFETIME = 60;

    /** @var string Audience the sidecar expects. */
    const AUDIENCE = 'zoomhls';

    /**
     * The issuer claim: the origin (scheme, host, port) of the Moodle wwwroot, without any path.
     *
     * @param string $wwwroot Moodle's $CFG->wwwroot
     * @return string e.g. https://moodle.example.edu or http://127.0.0.1:8800
     */
    public static function issuer_from_wwwroot(string $wwwroot): string {
        $parts = parse_url($wwwroot);
        if (!$parts || empty($parts['scheme']) || empty($parts['host'])) {
            throw new \InvalidArgumentException('wwwroot is not an absolute URL: ' . $wwwroot);
        }
        $scheme = strtolower($parts['scheme']);
        $host = strtolower($parts['host']);
        if (strpos($host, ':') !== false && $host[0] !== '[') {
            $host = '[' . $host . ']';
        }
        $port = isset($parts['port']) ? (int)$parts['port'] : null;
        $default = ($scheme === 'https') ? 443 : 80;
        return $scheme . '://' . $host . (($port && $port !== $default) ? ':' . $port : '');
    }

    /**
     * Signs a token.
     *
     * @param string $secret shared secret (plugin setting sharedsecret = ZOOMHLS_MOODLE_SECRET)
     * @param string $issuer origin of the Moodle site
     * @param int $userid Moodle user id (sent as the string claim sub)
     * @param string $scope "site", "course:12 course:15" or "video:<32 hex>"
     * @param int $now unix time
     * @param string|null $jti unique id; a random 128-bit hex value when null
     * @return string compact JWT
     */
    public static function build(string $secret, string $issuer, int $userid, string $scope, int $now,
            ?string $jti = null): string {
        if ($secret === '') {
            throw new \InvalidArgumentException('The shared secret is empty.');
        }
        $header = ['alg' => 'HS256', 'typ' => 'JWT'];
        $claims = [
            'iss' => $issuer,
            'aud' => self::AUDIENCE,
            'sub' => (string)$userid,
            'iat' => $now,
            'exp' => $now + self::LIFETIME,
            'jti' => $jti ?? bin2hex(random_bytes(16)),
            'scope' => $scope,
        ];
        $signinginput = self::b64url(json_encode($header)) . '.' .
            self::b64url(json_encode($claims, JSON_UNESCAPED_SLASHES));
        return $signinginput . '.' . self::b64url(hash_hmac('sha256', $signinginput, $secret, true));
    }

    /**
     * Base64url without padding (RFC 7515).
     *
     * @param string $data raw bytes
     * @return string
     */
    public static function b64url(string $data): string {
        return rtrim(strtr(base64_encode($data), '+/', '-_'), '=');
    }
}
