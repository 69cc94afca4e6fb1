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
 * A failed sidecar call: unreachable, refused (status != 200) or garbage (unexpected body).
 *
 * @package    local_zoomhls
 * @copyright  2026 zoomhls
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class sidecar_exception extends \Exception {
    /** @var string unreachable, refused or garbage */
    public $kind;

    /** @var int HTTP status, 0 when there was no answer */
    public $status;

    /**
     * Constructor.
     *
     * @param string $kind unreachable, refused or garbage
     * @param int $status HTTP status
     * @param string $detail what went wrong
     */
    public function __construct(string $kind, int $status, string $detail) {
        $this->kind = $kind;
        $this->status = $status;
        parent::__construct($kind . ($status ? ' (HTTP ' . $status . ')' : '') . ': ' . $detail);
    }
}
