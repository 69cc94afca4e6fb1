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

use PHPUnit\Framework\TestCase;

/**
 * Tests of the Set-Cookie builder.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers \local_zoomhls\local\cookie_header
 */
final class cookie_header_test extends TestCase {
    /** @var array a cookie as the sidecar returns it */
    const COOKIE = ['name' => 'CloudFront-Policy', 'value' => 'eyJTdGF0ZW1lbnQiOlt7~abc_-', 'domain' => null,
        'path' => '/media/zoomhls/ck12/', 'secure' => true, 'httpOnly' => true, 'sameSite' => 'Lax'];

    public function test_session_cookie_with_attributes(): void {
        $value = cookie_header::set_value(self::COOKIE, true, '.example.edu');
        $this->assertSame('CloudFront-Policy=eyJTdGF0ZW1lbnQiOlt7~abc_-; Path=/media/zoomhls/ck12/; ' .
            'Domain=.example.edu; Secure; HttpOnly; SameSite=Lax', $value);
        $this->assertStringNotContainsStringIgnoringCase('expires', $value);
        $this->assertStringNotContainsStringIgnoringCase('max-age', $value);
    }

    public function test_host_only_and_not_secure_on_http(): void {
        $value = cookie_header::set_value(self::COOKIE, false);
        $this->assertStringNotContainsString('Domain=', $value);
        $this->assertStringNotContainsString('Secure', $value);
        $this->assertStringContainsString('HttpOnly; SameSite=Lax', $value);
    }

    public function test_sidecar_domain_used_when_no_setting(): void {
        $value = cookie_header::set_value(['domain' => 'cdn.example.edu'] + self::COOKIE, true);
        $this->assertStringContainsString('; Domain=cdn.example.edu;', $value);
    }

    public function test_expire(): void {
        $value = cookie_header::expire_value('CloudFront-Signature', '/media/', '.example.edu', true);
        $this->assertSame('CloudFront-Signature=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/media/; ' .
            'Domain=.example.edu; Secure; HttpOnly; SameSite=Lax', $value);
    }

    /**
     * Header-breaking input.
     *
     * @return array
     */
    public static function bad_provider(): array {
        return [
            'value with ;' => [['value' => 'a;b'] + self::COOKIE],
            'value with CRLF' => [['value' => "a\r\nSet-Cookie: x=y"] + self::COOKIE],
            'name with space' => [['name' => 'Cloud Front'] + self::COOKIE],
            'relative path' => [['path' => 'media/'] + self::COOKIE],
            'path with ;' => [['path' => '/a;Domain=evil'] + self::COOKIE],
        ];
    }

    /**
     * Input that would break or inject header parts is refused.
     *
     * @dataProvider bad_provider
     * @param array $cookie cookie
     */
    public function test_refuses_bad_input(array $cookie): void {
        $this->expectException(\InvalidArgumentException::class);
        cookie_header::set_value($cookie, true);
    }

    public function test_domain_matches(): void {
        $this->assertTrue(cookie_header::domain_matches('.example.edu', 'moodle.example.edu'));
        $this->assertTrue(cookie_header::domain_matches('example.edu', 'example.edu'));
        $this->assertTrue(cookie_header::domain_matches('', 'anything'));
        $this->assertFalse(cookie_header::domain_matches('.example.edu', 'moodle.example.org'));
        $this->assertFalse(cookie_header::domain_matches('ample.edu', 'example.edu'));
    }

    public function test_identity(): void {
        $this->assertSame(['name' => 'CloudFront-Policy', 'path' => '/media/zoomhls/ck12/', 'domain' => '.x.edu'],
            cookie_header::identity(self::COOKIE, '.x.edu'));
        $this->assertSame('', cookie_header::identity(self::COOKIE)['domain']);
    }
}
