export { runRecordingJob, planEncode, type PipelineDeps, type PipelineSettings, type PipelineObserver, type ProgressEvent, type ProfileSetting } from './run-job.js';
export { Worker, newWorkerId, type WorkerOptions } from './worker.js';
export { probeMedia, type MediaInfo } from './probe.js';
export { courseKey, newVideoKey, isVideoKey, videoFolder, courseFolder, cdnUrl } from './keys.js';
export { sanitiseTopic, playlistFileName, courseFolderName, formatStartTime, safeJoin } from './names.js';
export * from './argv.js';
export * from './playlist.js';
export { downloadToFile, redact } from './download.js';
export { enqueueImport, type ImportRequest } from './enqueue.js';
