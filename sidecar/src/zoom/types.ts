/** The parts of Zoom's documented payloads we use (webhook `payload.object` and list items). */
export interface ZoomRecordingFile {
  id?: string;
  meeting_id?: string;
  recording_start?: string;
  recording_end?: string;
  file_type?: string;
  file_extension?: string;
  file_size?: number;
  download_url?: string;
  status?: string;
  recording_type?: string;
}

export interface ZoomMeeting {
  uuid: string;
  id: number;
  host_id?: string;
  host_email?: string;
  topic?: string;
  start_time?: string;
  duration?: number;
  recording_files?: ZoomRecordingFile[];
}
