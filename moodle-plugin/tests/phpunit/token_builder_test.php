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
 * Tests of the access token builder (checked against an independent HS256 verification).
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers \local_zoomhls\local\token_builder
 */
final class token_builder_test extends TestCase {
    /**
     * Decodes one base64url part.
     *
     * @param string $part the part
     * @return array
     */
    private static function part(string $part): array {
        return json_decode(base64_decode(strtr($part, '-_', '+/')), true);
    }

    public function test_claims_and_signature(): void {
        $secret = str_repeat('s', 40);
        $token = token_builder::build($secret, 'https://moodle.example.edu', 42, 'course:12 course:15', 1000000);
        $parts = explode('.', $token);
        $this->assertCount(3, $parts);
        $this->assertSame(['alg' => 'HS256', 'typ' => 'JWT'], self::part($parts[0]));
        $claims = self::part($parts[1]);
        $this->assertSame('https://moodle.example.edu', $claims['iss']);
        $this->assertSame('zoomhls', $claims['aud']);
        $this->assertSame('42', $claims['sub']);
        $this->assertSame(1000000, $claims['iat']);
        $this->assertSame(1000060, $claims['exp']);
        $this->assertMatchesRegularExpression('/^[0-9a-f]{32}$/', $claims['jti']);
        $this->assertSame('course:12 course:15', $claims['scope']);
        $expected = rtrim(strtr(base64_encode(hash_hmac('sha256', $parts[0] . '.' . $parts[1], $secret, true)), '+/', '-_'), '=');
        $this->assertSame($expected, $parts[2]);
        $this->assertStringNotContainsString('=', $token);
    }

    public function test_jti_is_unique(): void {
        $a = self::part(explode('.', token_builder::build('k', 'http://a', 1, 'site', 1))[1]);
        $b = self::part(explode('.', token_builder::build('k', 'http://a', 1, 'site', 1))[1]);
        $this->assertNotSame($a['jti'], $b['jti']);
    }

    public function test_wrong_secret_gives_other_signature(): void {
        $one = explode('.', token_builder::build('secret-one', 'http://a', 1, 'site', 5, 'ab'));
        $two = explode('.', token_builder::build('secret-two', 'http://a', 1, 'site', 5, 'ab'));
        $this->assertSame($one[1], $two[1]);
        $this->assertNotSame($one[2], $two[2]);
    }

    public function test_empty_secret_is_refused(): void {
        $this->expectException(\InvalidArgumentException::class);
        token_builder::build('', 'http://a', 1, 'site', 5);
    }

    /**
     * Issuer cases.
     *
     * @return array
     */
    public static function issuer_provider(): array {
        return [
            ['https://moodle.example.edu', 'https://moodle.example.edu'],
            ['https://Moodle.Example.edu/moodle', 'https://moodle.example.edu'],
            ['https://moodle.example.edu:443/x/y', 'https://moodle.example.edu'],
            ['http://127.0.0.1:8800', 'http://127.0.0.1:8800'],
            ['http://localhost:80/m', 'http://localhost'],
            ['https://h.edu:8443/', 'https://h.edu:8443'],
        ];
    }

    /**
     * The issuer is the wwwroot's origin.
     *
     * @dataProvider issuer_provider
     * @param string $wwwroot wwwroot
     * @param string $origin expected
     */
    public function test_issuer_is_origin(string $wwwroot, string $origin): void {
        $this->assertSame($origin, token_builder::issuer_from_wwwroot($wwwroot));
    }

    public function test_issuer_refuses_relative(): void {
        $this->expectException(\InvalidArgumentException::class);
        token_builder::issuer_from_wwwroot('/moodle');
    }
}
