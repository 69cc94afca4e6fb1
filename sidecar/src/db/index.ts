export { connectDb, type Db, type DbClient } from './connect.js';
export { migrate } from './migrations.js';
export {
  RecordingStore,
  retryDelayMs,
  JOB_STATES,
  ACTIVE_STATES,
  type JobState,
  type RecordingRow,
  type NewRecording,
} from './recordings.js';
export type { SourcePart } from './recordings.js';
