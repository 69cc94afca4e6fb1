import knexFactory, { type Knex } from 'knex';
import type { ZoomMeeting } from './types.js';

export interface MappingRules {
  order: Array<'meeting' | 'topic' | 'host' | 'moodle'>;
  meetings: Map<number, number>;
  hosts: Map<string, number>;
  topicRegex: string | undefined;
  moodleDatabaseUrl: string | undefined;
  moodleDbPrefix: string;
}

export type MappingResult = { courseId: number; rule: string } | { courseId: null; reason: string };

/**
 * Finds the Moodle course of a Zoom meeting, trying the configured rules in order: explicit
 * meeting id; topic regex (course id or shortname); host email; Moodle's own mod_zoom table.
 * Nothing matched → unmapped (kept, visible in `zoomhls status`, mapped later by hand).
 */
export class CourseMapper {
  private moodle: Knex | undefined;

  constructor(private readonly rules: MappingRules) {}

  async map(meeting: ZoomMeeting, hostEmail: string | undefined): Promise<MappingResult> {
    const tried: string[] = [];
    for (const rule of this.rules.order) {
      if (rule === 'meeting') {
        const id = this.rules.meetings.get(Number(meeting.id));
        if (id) return { courseId: id, rule: 'meeting' };
        tried.push('meeting id');
      } else if (rule === 'topic' && this.rules.topicRegex) {
        const match = new RegExp(this.rules.topicRegex).exec(meeting.topic ?? '');
        const course = match?.groups?.['course'];
        const shortname = match?.groups?.['shortname'];
        if (course && /^\d+$/.test(course)) return { courseId: Number(course), rule: 'topic' };
        if (shortname) {
          const id = await this.courseByShortname(shortname);
          if (id) return { courseId: id, rule: 'topic (shortname)' };
        }
        tried.push('topic');
      } else if (rule === 'host' && hostEmail) {
        const id = this.rules.hosts.get(hostEmail.toLowerCase());
        if (id) return { courseId: id, rule: 'host' };
        tried.push('host email');
      } else if (rule === 'moodle' && this.rules.moodleDatabaseUrl) {
        const id = await this.courseFromModZoom(Number(meeting.id));
        if (id) return { courseId: id, rule: 'moodle mod_zoom' };
        tried.push("Moodle's mod_zoom");
      }
    }
    return { courseId: null, reason: `no course matched (tried ${tried.join(', ') || 'no rules: none configured'})` };
  }

  private db(): Knex | undefined {
    if (!this.rules.moodleDatabaseUrl) return undefined;
    this.moodle ??= knexFactory({ client: 'mysql2', connection: { uri: this.rules.moodleDatabaseUrl } as never, pool: { min: 0, max: 2 } });
    return this.moodle;
  }

  /** Read-only: mod_zoom keeps one row per Zoom meeting in `{prefix}zoom` (meeting_id → course). */
  private async courseFromModZoom(meetingId: number): Promise<number | undefined> {
    const db = this.db();
    if (!db) return undefined;
    const row = await db(`${this.rules.moodleDbPrefix}zoom`).select('course').where({ meeting_id: meetingId }).orderBy('id', 'desc').first();
    return row ? Number(row.course) : undefined;
  }

  private async courseByShortname(shortname: string): Promise<number | undefined> {
    const db = this.db();
    if (!db) return undefined;
    const row = await db(`${this.rules.moodleDbPrefix}course`).select('id').where({ shortname }).first();
    return row ? Number(row.id) : undefined;
  }

  async close(): Promise<void> {
    await this.moodle?.destroy();
  }
}
