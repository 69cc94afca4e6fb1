import type { Knex } from 'knex';

/**
 * Migrations live in code (not files found at run time) so they work the same from tsx,
 * from a bundle and from tests. Append new ones; never edit a released one.
 */
interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const migrations: Migration[] = [
  {
    name: '20261204_001_zoom_recordings',
    async up(knex) {
      await knex.schema.createTable('zoom_recordings', (t) => {
        t.increments('id').primary();
        // Idempotency: one row per source (Zoom meeting UUID + recording file id, or an import).
        t.string('dedupe_key', 191).notNullable().unique();
        t.string('zoom_meeting_uuid', 191).nullable();
        t.string('zoom_recording_id', 191).nullable();
        t.bigInteger('zoom_meeting_id').nullable();
        t.integer('course_id').nullable().index();
        t.string('topic', 300).notNullable().defaultTo('');
        t.bigInteger('start_time').notNullable(); // ms since epoch, UTC
        t.text('download_url').nullable();
        t.text('source_path').nullable();
        t.bigInteger('source_bytes').nullable();
        t.string('profile', 20).notNullable().defaultTo('auto');
        t.float('duration_seconds').nullable();
        t.string('course_key', 64).nullable();
        t.string('video_key', 64).nullable().unique();
        t.string('output_folder', 400).nullable();
        t.string('playlist_path', 1000).nullable();
        t.bigInteger('bytes_published').nullable();
        t.integer('segment_count').nullable();
        t.string('state', 20).notNullable().defaultTo('pending');
        t.integer('attempts').notNullable().defaultTo(0);
        t.integer('max_attempts').notNullable().defaultTo(5);
        t.string('last_error_code', 40).nullable();
        t.text('last_error').nullable();
        t.bigInteger('next_attempt_at').notNullable().defaultTo(0);
        t.string('lease_owner', 191).nullable();
        t.bigInteger('lease_expires_at').nullable();
        t.bigInteger('created_at').notNullable();
        t.bigInteger('updated_at').notNullable();
        t.bigInteger('published_at').nullable();
        t.index(['state', 'next_attempt_at'], 'zoom_recordings_claim_idx');
      });
      await knex.schema.createTable('zoomhls_settings', (t) => {
        t.string('name', 100).primary();
        t.text('value').notNullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists('zoomhls_settings');
      await knex.schema.dropTableIfExists('zoom_recordings');
    },
  },
  {
    name: '20261204_002_zoom_sources_and_captions',
    async up(knex) {
      await knex.schema.alterTable('zoom_recordings', (t) => {
        // JSON list of the Zoom files (parts) that make this stream, in time order.
        t.text('source_parts').nullable();
        // Zoom's per-event download token (valid 24 h); a credential: never logged or shown.
        t.text('download_token').nullable();
        t.text('captions_url').nullable();
        t.string('captions_language', 20).nullable();
        // Presentation time of the first published frame, to align WebVTT captions with it.
        t.float('media_start_seconds').nullable();
        t.string('zoom_host_email', 320).nullable();
        t.index(['zoom_meeting_uuid'], 'zoom_recordings_meeting_uuid_idx');
      });
    },
    async down(knex) {
      await knex.schema.alterTable('zoom_recordings', (t) => {
        t.dropIndex(['zoom_meeting_uuid'], 'zoom_recordings_meeting_uuid_idx');
        t.dropColumns('source_parts', 'download_token', 'captions_url', 'captions_language', 'media_start_seconds', 'zoom_host_email');
      });
    },
  },
  {
    name: '20261204_010_access_token_ids',
    async up(knex) {
      // Ids (jti) of the plugin's access tokens already used: a token is accepted once. Rows
      // are kept until the token expires, then pruned.
      await knex.schema.createTable('zoomhls_access_token_ids', (t) => {
        t.string('jti', 64).primary();
        t.bigInteger('expires_at').notNullable().index('zoomhls_access_token_ids_expires_idx'); // unix seconds
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists('zoomhls_access_token_ids');
    },
  },
];

export const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: async () => migrations,
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m,
};

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrate(knex: Knex): Promise<string[]> {
  const [, ran] = (await knex.migrate.latest({ migrationSource, tableName: 'zoomhls_migrations' })) as [number, string[]];
  return ran;
}
