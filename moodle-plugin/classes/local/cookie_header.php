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
 * Builds Set-Cookie header values for the CloudFront cookies the sidecar returns.
 *
 * Cookies are session cookies (no Expires/Max-Age): the signed policy's DateLessThan bounds them,
 * as AWS advises. Expiring ones carry Max-Age=0 and an Expires date in the past.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class cookie_header {
    /**
     * Set-Cookie value for one cookie from the sidecar's answer.
     *
     * @param array $cookie one entry of "cookies" (name, value, domain, path)
     * @param bool $secure add Secure (Moodle is served over https)
     * @param string $domain configured cookie domain; '' keeps the sidecar's (null = host-only)
     * @return string the header value, without "Set-Cookie: "
     */
    public static function set_value(array $cookie, bool $secure, string $domain = ''): string {
        $name = self::check_token($cookie['name'] ?? '', 'name');
        $value = self::check_value((string)($cookie['value'] ?? ''));
        $path = self::check_path((string)($cookie['path'] ?? '/'));
        $domain = $domain !== '' ? $domain : (string)($cookie['domain'] ?? '');
        return self::attributes($name . '=' . $value, $path, $domain, $secure);
    }

    /**
     * Set-Cookie value that deletes a cookie set earlier with the same name, path and domain.
     *
     * @param string $name cookie name
     * @param string $path cookie path
     * @param string $domain cookie domain ('' = host-only)
     * @param bool $secure add Secure
     * @return string
     */
    public static function expire_value(string $name, string $path, string $domain, bool $secure): string {
        $name = self::check_token($name, 'name');
        return self::attributes($name . '=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0',
            self::check_path($path), $domain, $secure);
    }

    /**
     * The cookie's identity for a later deletion.
     *
     * @param array $cookie one entry of "cookies"
     * @param string $domain configured cookie domain; '' keeps the sidecar's
     * @return array name, path, domain
     */
    public static function identity(array $cookie, string $domain = ''): array {
        return [
            'name' => (string)$cookie['name'],
            'path' => (string)($cookie['path'] ?? '/'),
            'domain' => $domain !== '' ? $domain : (string)($cookie['domain'] ?? ''),
        ];
    }

    /**
     * Whether a cookie domain can be set by a page on this host (RFC 6265 domain-match).
     *
     * @param string $domain configured domain, e.g. .example.edu
     * @param string $host Moodle's host
     * @return bool
     */
    public static function domain_matches(string $domain, string $host): bool {
        $domain = strtolower(ltrim($domain, '.'));
        $host = strtolower($host);
        if ($domain === '') {
            return true;
        }
        return $host === $domain || substr($host, -strlen($domain) - 1) === '.' . $domain;
    }

    /**
     * Appends Path, Domain and the fixed attributes.
     *
     * @param string $pair name=value part
     * @param string $path cookie path
     * @param string $domain cookie domain
     * @param bool $secure add Secure
     * @return string
     */
    private static function attributes(string $pair, string $path, string $domain, bool $secure): string {
        $parts = [$pair, 'Path=' . $path];
        if ($domain !== '') {
            $parts[] = 'Domain=' . self::check_token($domain, 'domain');
        }
        if ($secure) {
            $parts[] = 'Secure';
        }
        $parts[] = 'HttpOnly';
        $parts[] = 'SameSite=Lax';
        return implode('; ', $parts);
    }

    /**
     * Refuses names and domains with characters that would break the header.
     *
     * @param string $token the text
     * @param string $what what it is, for the error
     * @return string
     */
    private static function check_token(string $token, string $what): string {
        if (!preg_match('/^[A-Za-z0-9!#$%&\'*+.^_`|~-]+$/', $token)) {
            throw new \InvalidArgumentException('Invalid cookie ' . $what . ': ' . $token);
        }
        return $token;
    }

    /**
     * Refuses values outside RFC 6265 cookie-octets (CloudFront values are URL-safe base64).
     *
     * @param string $value cookie value
     * @return string
     */
    private static function check_value(string $value): string {
        if (!preg_match('/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/', $value)) {
            throw new \InvalidArgumentException('Invalid cookie value');
        }
        return $value;
    }

    /**
     * Refuses paths that are not absolute or contain separators.
     *
     * @param string $path cookie path
     * @return string
     */
    private static function check_path(string $path): string {
        if ($path === '' || $path[0] !== '/' || preg_match('/[;\x00-\x20\x7F]/', $path)) {
            throw new \InvalidArgumentException('Invalid cookie path: ' . $path);
        }
        return $path;
    }
}
