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
 * What the plugin adds to pages: a cookie refresh in course pages, the player on pages with HLS media.
 *
 * Used by the hook callbacks (Moodle 4.4+) and the legacy lib.php callbacks (4.1-4.3).
 * The before-HTTP-headers callback runs at the start of $OUTPUT->header(), before any byte of the
 * page is sent, so it can still set cookies; it also opens an output buffer (outside the renderer's
 * own layout buffer) so that the footer callback can see whether the page has .m3u8 media before
 * adding the player.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class page_integration {
    /** @var int|null output buffer level opened by the head callback */
    private static $bufferlevel = null;

    /** @var bool whether the player was already added to this page */
    private static $playeradded = false;

    /**
     * Before the page's HTTP headers: cookie refresh when needed, output buffer for the media check.
     *
     * @return string always '' (nothing is added to the page here)
     */
    public static function before_http_headers(): string {
        global $PAGE, $USER, $CFG;
        if (during_initial_install() || !empty($CFG->upgraderunning) || !isloggedin() || isguestuser()
                || !get_config('local_zoomhls', 'sidecarurl')) {
            return '';
        }
        $course = $PAGE->course ?? null;
        // SITEID comes from the database and may be a string: compare as integers.
        if ($course && (int)$course->id !== (int)SITEID && can_access_course($course, null, '', true)) {
            access_manager::ensure_for_course((int)$USER->id, (int)$course->id);
        } else if (access_manager::mode() === scope::MODE_SITE) {
            access_manager::ensure_for_course((int)$USER->id, (int)SITEID);
        }
        if (self::$bufferlevel === null && !in_array($PAGE->pagelayout, ['maintenance', 'redirect', 'embedded'])) {
            ob_start();
            self::$bufferlevel = ob_get_level();
        }
        return '';
    }

    /**
     * HTML before the footer: the player bundle when the page so far has .m3u8 media.
     *
     * @return string
     */
    public static function before_footer(): string {
        if (self::$playeradded || self::$bufferlevel === null || ob_get_level() < self::$bufferlevel) {
            return '';
        }
        if (!media_detector::has_hls((string)ob_get_contents())) {
            return '';
        }
        self::$playeradded = true;
        return self::player_html();
    }

    /**
     * The three tags that load and start the player bundle.
     *
     * @return string
     */
    public static function player_html(): string {
        $base = new \moodle_url('/local/zoomhls/player/');
        $config = json_encode(self::player_config(), JSON_UNESCAPED_SLASHES | JSON_HEX_TAG | JSON_HEX_AMP);
        return '<link rel="stylesheet" href="' . s($base->out() . 'zoomhls-player.css') . '">' . "\n" .
            '<script src="' . s($base->out() . 'zoomhls-player.js') . '"></script>' . "\n" .
            '<script>window.ZoomHLS && window.ZoomHLS.init(' . $config . ')</script>' . "\n";
    }

    /**
     * The player's configuration for this user and page (contract: plugin -> player bundle).
     *
     * @return array
     */
    public static function player_config(): array {
        global $PAGE, $USER, $CFG;
        $watermark = null;
        if (get_config('local_zoomhls', 'watermark')) {
            $template = (string)get_config('local_zoomhls', 'watermarktemplate');
            $watermark = watermark::render($template, [
                'fullname' => fullname($USER),
                'idnumber' => $USER->idnumber ?? '',
                'username' => $USER->username ?? '',
                'email' => $USER->email ?? '',
                'userid' => $USER->id,
            ]);
        }
        $refresh = new \moodle_url('/lib/ajax/service.php',
            ['sesskey' => sesskey(), 'info' => 'local_zoomhls_refresh_access']);
        return [
            'cdnBaseUrl' => rtrim((string)get_config('local_zoomhls', 'cdnbaseurl'), '/') ?: null,
            'refresh' => ['url' => $refresh->out(false), 'courseId' => (int)$PAGE->course->id],
            'loginUrl' => $CFG->wwwroot . '/login/index.php',
            'userId' => (int)$USER->id,
            'watermarkText' => $watermark,
            'strings' => [
                'denied' => get_string('playerdenied', 'local_zoomhls'),
                'sessionEnded' => get_string('playersessionended', 'local_zoomhls'),
                'login' => get_string('playerlogin', 'local_zoomhls'),
            ],
        ];
    }
}
