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

/**
 * English strings for local_zoomhls.
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['accessmode'] = 'Access mode';
$string['accessmode_desc'] = 'Per course: at login the user gets cookies for each course they can view (up to 12; other courses get theirs when their page opens). Whole site: one cookie set opens every recording, like the original tool.';
$string['accessmodecourse'] = 'Per course';
$string['accessmodesite'] = 'Whole site';
$string['cachedef_issuedcookies'] = 'Cookies set for each user, to expire them at logout';
$string['cdnbaseurl'] = 'CDN base URL';
$string['cdnbaseurl_desc'] = 'The same value as the sidecar\'s ZOOMHLS_CDN_BASE_URL, e.g. https://media.example.edu. The player uses it to recognise recordings.';
$string['check'] = 'Check';
$string['checkaccess'] = 'Cookies from /v1/access';
$string['checkaccess401'] = 'The sidecar refused the token: the shared secret here differs from ZOOMHLS_MOODLE_SECRET, or the clocks of the two machines differ by minutes. ({$a})';
$string['checkaccess403'] = 'The sidecar refused this site: ZOOMHLS_MOODLE_SECRET is not set there, or ZOOMHLS_MOODLE_ORIGINS does not include {$a->origin}. ({$a->detail})';
$string['checkaccess404'] = 'The sidecar has no /v1/access endpoint: is the URL the zoomhls sidecar, and is it up to date?';
$string['checkaccessbad'] = 'The sidecar did not give cookies: {$a}';
$string['checkaccessok'] = 'The sidecar gave {$a->count} cookies valid until {$a->expires}.';
$string['checkcookiedomain'] = 'Cookie domain';
$string['checkdomainbad'] = 'The cookie domain {$a->domain} does not contain this site\'s host {$a->host}: browsers will ignore the cookies. Use the parent domain shared by Moodle and the CDN.';
$string['checkdomainhostonly'] = 'No cookie domain: the cookies are host-only, so the CDN must be served from this same host.';
$string['checkdomainok'] = 'Cookies are set for {$a}.';
$string['checkhealthbad'] = 'The sidecar answered /healthz with HTTP {$a->status}: {$a->detail}';
$string['checkhealthok'] = 'The sidecar is up and healthy.';
$string['checkhealthz'] = 'Sidecar health (/healthz)';
$string['checknosecret'] = 'The shared secret is empty.';
$string['checknourl'] = 'The sidecar URL is empty.';
$string['checkrepository'] = 'Course repositories';
$string['checkrepositoryok'] = '{$a} course folders have their repository instance.';
$string['checksettings'] = 'Settings';
$string['checksettingsok'] = 'Sidecar URL and shared secret are set.';
$string['checkunreachable'] = 'Could not reach the sidecar at {$a->url}: {$a->detail}';
$string['cookiedomain'] = 'Cookie domain';
$string['cookiedomain_desc'] = 'Domain attribute of the CloudFront cookies, e.g. .example.edu when Moodle is moodle.example.edu and the CDN is media.example.edu. Empty: host-only cookies.';
$string['cookielifetime'] = 'Cookie refresh interval';
$string['cookielifetime_desc'] = 'After this long, the next course page asks the sidecar for fresh cookies even if the old ones have not expired yet. The sidecar\'s own expiry always applies.';
$string['ok'] = 'OK';
$string['playerdenied'] = 'You do not have access to this recording.';
$string['playerlogin'] = 'Log in again';
$string['playersessionended'] = 'Your session has ended. Log in again to keep watching.';
$string['pluginname'] = 'Zoom recordings (HLS)';
$string['privacy:metadata:sidecar'] = 'To give the browser access to the recordings, the plugin asks the zoomhls sidecar for signed cookies.';
$string['privacy:metadata:sidecar:courseids'] = 'The ids of the courses the user can view.';
$string['privacy:metadata:sidecar:userid'] = 'The user\'s id.';
$string['problem'] = 'Problem';
$string['repositoryname'] = 'Zoom recordings';
$string['repositorysubdir'] = 'Repository folder';
$string['repositorysubdir_desc'] = 'Folder below moodledata/repository/ where the sidecar writes playlists (ZOOMHLS_REPOSITORY_DIR). Each course-&lt;id&gt; folder in it gets a File system repository instance in that course.';
$string['result'] = 'Result';
$string['sharedsecret'] = 'Shared secret';
$string['sharedsecret_desc'] = 'The same value as the sidecar\'s ZOOMHLS_MOODLE_SECRET (at least 32 characters).';
$string['sidecarurl'] = 'Sidecar URL';
$string['sidecarurl_desc'] = 'Base URL of the zoomhls sidecar as Moodle\'s server reaches it, e.g. http://127.0.0.1:8787. Local and private addresses are allowed for this URL.';
$string['status'] = 'Import status';
$string['statusempty'] = 'The sidecar has no recordings yet.';
$string['statuserror'] = 'The sidecar could not answer: {$a}';
$string['statusid'] = 'Id';
$string['statuslasterror'] = 'Last error';
$string['statusnotconfigured'] = 'Set the sidecar URL and shared secret first.';
$string['statusretried'] = 'Recording {$a} is queued again.';
$string['statusretry'] = 'Retry';
$string['statusstart'] = 'Recorded';
$string['statusstate'] = 'State';
$string['statustopic'] = 'Topic';
$string['syncnofolder'] = 'The repository folder {$a} does not exist yet (the sidecar creates it with the first recording).';
$string['syncnosubdir'] = 'The repository folder setting is empty or invalid.';
$string['syncnotype'] = 'The File system repository is not enabled (Site administration > Plugins > Repositories > Manage repositories).';
$string['tasksyncrepositories'] = 'Create File system repository instances for course recording folders';
$string['testconnection'] = 'Test connection';
$string['timeout'] = 'Sidecar timeout (seconds)';
$string['timeout_desc'] = 'Longest wait for the sidecar, connection included. A login waits at most this long when the sidecar is down.';
$string['watermark'] = 'Watermark';
$string['watermark_desc'] = 'Show a moving text with the viewer\'s name over the video.';
$string['watermarktemplate'] = 'Watermark text';
$string['watermarktemplate_desc'] = 'Placeholders: {fullname}, {idnumber}, {username}, {email}, {userid}.';
