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
 * Calls the sidecar with Moodle's curl class.
 *
 * The admin-set sidecar URL is often on localhost or a private address, which Moodle's curl
 * security helper blocks by default; the client bypasses that check for this one URL only
 * (the URL comes from the plugin's admin setting, never from a user).
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class sidecar_client {
    /** @var int Default seconds for the whole request (setting "timeout"); a down sidecar must never slow a login. */
    const DEFAULT_TIMEOUT = 2;

    /** @var string sidecar base URL without trailing slash */
    private $baseurl;

    /** @var string shared secret */
    private $secret;

    /** @var string token issuer (Moodle origin) */
    private $issuer;

    /** @var int seconds for the whole request, connection included */
    private $timeout;

    /**
     * Constructor.
     *
     * @param string $baseurl sidecar base URL
     * @param string $secret shared secret
     * @param string $issuer Moodle origin
     * @param int $timeout seconds for the whole request
     */
    public function __construct(string $baseurl, string $secret, string $issuer, int $timeout = self::DEFAULT_TIMEOUT) {
        $this->baseurl = rtrim($baseurl, '/');
        $this->secret = $secret;
        $this->issuer = $issuer;
        $this->timeout = max(1, $timeout);
    }

    /**
     * The timeout setting, in seconds.
     *
     * @return int
     */
    public static function configured_timeout(): int {
        $timeout = (int)get_config('local_zoomhls', 'timeout');
        return $timeout > 0 ? $timeout : self::DEFAULT_TIMEOUT;
    }

    /**
     * A client from the plugin settings, or null when the plugin is not configured.
     *
     * @return self|null
     */
    public static function from_config(): ?self {
        global $CFG;
        $url = trim((string)get_config('local_zoomhls', 'sidecarurl'));
        $secret = (string)get_config('local_zoomhls', 'sharedsecret');
        if ($url === '' || $secret === '') {
            return null;
        }
        return new self($url, $secret, token_builder::issuer_from_wwwroot($CFG->wwwroot), self::configured_timeout());
    }

    /**
     * Asks the sidecar for the cookies of one user and scope.
     *
     * @param int $userid Moodle user id
     * @param string $scope scope claim
     * @return array ['expiresAt' => int, 'cookies' => array[]]
     * @throws sidecar_exception when the sidecar is unreachable, refuses or answers garbage
     */
    public function access(int $userid, string $scope): array {
        $token = token_builder::build($this->secret, $this->issuer, $userid, $scope, time());
        [$status, $body] = $this->request('POST', '/v1/access', '{}', $token);
        if ($status !== 200) {
            throw new sidecar_exception('refused', $status, access_response::error_text($body));
        }
        try {
            return access_response::parse($body);
        } catch (\UnexpectedValueException $e) {
            throw new sidecar_exception('garbage', $status, $e->getMessage());
        }
    }

    /**
     * The import queue for the admin status page (GET /v1/recordings, site scope).
     *
     * @param int $userid the admin asking
     * @param int $limit how many recordings, newest first
     * @return array[] recordings as the sidecar lists them
     * @throws sidecar_exception when the sidecar is unreachable, refuses or answers garbage
     */
    public function recordings(int $userid, int $limit = 100): array {
        $token = token_builder::build($this->secret, $this->issuer, $userid, 'site', time());
        [$status, $body] = $this->request('GET', '/v1/recordings?limit=' . $limit, null, $token);
        $data = json_decode($body, true);
        if ($status !== 200) {
            throw new sidecar_exception('refused', $status, access_response::error_text($body));
        }
        if (!is_array($data) || !isset($data['recordings']) || !is_array($data['recordings'])) {
            throw new sidecar_exception('garbage', $status, 'no recordings list in the answer');
        }
        return $data['recordings'];
    }

    /**
     * Queues a failed recording again (POST /v1/recordings/:id/retry, site scope).
     *
     * @param int $userid the admin asking
     * @param int $recordingid the sidecar's recording id
     * @throws sidecar_exception when the sidecar is unreachable or refuses
     */
    public function retry(int $userid, int $recordingid): void {
        $token = token_builder::build($this->secret, $this->issuer, $userid, 'site', time());
        [$status, $body] = $this->request('POST', '/v1/recordings/' . $recordingid . '/retry', '{}', $token);
        if ($status !== 200) {
            throw new sidecar_exception('refused', $status, access_response::error_text($body));
        }
    }

    /**
     * GET /healthz.
     *
     * @return array [status, body]
     * @throws sidecar_exception when unreachable
     */
    public function health(): array {
        return $this->request('GET', '/healthz', null, null);
    }

    /**
     * One HTTP request with short timeouts.
     *
     * @param string $method GET or POST
     * @param string $path path below the base URL
     * @param string|null $body JSON body
     * @param string|null $token bearer token
     * @return array [int status, string body]
     * @throws sidecar_exception when the request fails at the network level
     */
    private function request(string $method, string $path, ?string $body, ?string $token): array {
        global $CFG;
        require_once($CFG->libdir . '/filelib.php');
        $curl = new \curl(['ignoresecurity' => true]);
        $headers = ['Accept: application/json'];
        if ($token !== null) {
            $headers[] = 'Authorization: Bearer ' . $token;
        }
        if ($body !== null) {
            $headers[] = 'Content-Type: application/json';
        }
        $curl->setHeader($headers);
        $options = [
            'CURLOPT_CONNECTTIMEOUT' => $this->timeout,
            'CURLOPT_TIMEOUT' => $this->timeout,
            'CURLOPT_FOLLOWLOCATION' => false,
        ];
        $url = $this->baseurl . $path;
        $answer = $method === 'POST' ? $curl->post($url, $body, $options) : $curl->get($url, [], $options);
        $info = $curl->get_info();
        $status = (int)($info['http_code'] ?? 0);
        if ($curl->get_errno() || $status === 0) {
            throw new sidecar_exception('unreachable', 0, trim($curl->error ?: 'no answer from ' . $url));
        }
        return [$status, (string)$answer];
    }
}
