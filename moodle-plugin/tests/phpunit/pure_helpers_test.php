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
 * Tests of scope computation, .m3u8 detection, watermark text and sidecar answer parsing.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 * @covers \local_zoomhls\local\scope
 * @covers \local_zoomhls\local\media_detector
 * @covers \local_zoomhls\local\watermark
 * @covers \local_zoomhls\local\access_response
 */
final class pure_helpers_test extends TestCase {
    public function test_scope(): void {
        $this->assertSame('site', scope::for_courses('site', []));
        $this->assertSame('course:12 course:15', scope::for_courses('course', [12, '15', 12, 1]));
        $this->assertNull(scope::for_courses('course', []));
        $this->assertNull(scope::for_courses('course', [1]));
        $many = scope::for_courses('course', range(2, 40));
        $this->assertCount(scope::MAX_COURSES, explode(' ', $many));
        $this->assertSame('course:7', scope::session_key('course', 7));
        $this->assertSame('site', scope::session_key('site', 7));
    }

    /**
     * Pages with and without HLS media.
     *
     * @return array
     */
    public static function html_provider(): array {
        return [
            'link' => ['<p><a href="https://m.edu/pluginfile.php/5/mod_page/content/2023-01-02%200900%20Intro.m3u8">x</a></p>',
                true],
            'link with query' => ['<a href="/x/lecture.M3U8?forcedownload=1">x</a>', true],
            'video source' => ['<video controls><source src="https://cdn/a/b/master.m3u8"></video>', true],
            'videojs render' => ['<video data-setup-lazy="{&quot;techOrder&quot;: [&quot;html5&quot;]}" class="video-js">' .
                '<source src="https://m.edu/draftfile.php/1/a.mp4" type="application/x-mpegURL"></video>', true],
            'apple type' => ["<source src='x' type='application/vnd.apple.mpegurl'>", true],
            'plain mp4' => ['<video><source src="/a.mp4" type="video/mp4"></video>', false],
            'mention in text' => ['<p>Upload your .m3u8 playlists here</p>', false],
            'm3u8 inside a name' => ['<a href="/files/notes.m3u8.txt">notes</a>', false],
            'empty' => ['', false],
        ];
    }

    /**
     * Detection of .m3u8 media.
     *
     * @dataProvider html_provider
     * @param string $html page
     * @param bool $expected has media
     */
    public function test_media_detector(string $html, bool $expected): void {
        $this->assertSame($expected, media_detector::has_hls($html));
    }

    public function test_watermark(): void {
        $this->assertSame('Ada Lovelace 12345', watermark::render('{fullname} {idnumber}',
            ['fullname' => 'Ada Lovelace', 'idnumber' => '12345']));
        $this->assertSame('Ada', watermark::render('{fullname}  {idnumber} {nope}', ['fullname' => 'Ada', 'idnumber' => '']));
    }

    public function test_access_response(): void {
        $body = json_encode(['expiresAt' => 1790000000, 'cookies' => [
            ['name' => 'CloudFront-Policy', 'value' => 'p', 'domain' => null, 'path' => '/m/ck/', 'secure' => true,
                'httpOnly' => true, 'sameSite' => 'Lax'],
            ['name' => 'CloudFront-Signature', 'value' => 's', 'domain' => '.x.edu', 'path' => '/m/ck/'],
        ]]);
        $grant = access_response::parse($body);
        $this->assertSame(1790000000, $grant['expiresAt']);
        $this->assertSame(['name' => 'CloudFront-Policy', 'value' => 'p', 'domain' => null, 'path' => '/m/ck/'],
            $grant['cookies'][0]);
        $this->assertSame('.x.edu', $grant['cookies'][1]['domain']);
    }

    /**
     * Bodies that are not an access grant.
     *
     * @return array
     */
    public static function garbage_provider(): array {
        return [
            'html' => ['<html>502 Bad Gateway</html>'],
            'no cookies' => ['{"expiresAt": 5}'],
            'string expiry' => ['{"expiresAt": "5", "cookies": []}'],
            'cookie without value' => ['{"expiresAt": 5, "cookies": [{"name": "a"}]}'],
        ];
    }

    /**
     * Garbage is refused.
     *
     * @dataProvider garbage_provider
     * @param string $body body
     */
    public function test_access_response_refuses_garbage(string $body): void {
        $this->expectException(\UnexpectedValueException::class);
        access_response::parse($body);
    }

    public function test_error_text(): void {
        $this->assertSame('token_invalid: bad signature',
            access_response::error_text('{"error":{"code":"token_invalid","message":"bad signature"}}'));
        $this->assertSame('<html> oops', access_response::error_text("<html>\n oops"));
    }
}
