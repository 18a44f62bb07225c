/** The largest file a user may upload: a catalogue plan (the territory import takes 2 MB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * adapter-node's BODY_SIZE_LIMIT for the servers our scripts start (its own default, 512K, is less
 * than our uploads): the largest upload with room for the rest of its form. A larger body is
 * refused while it is read; `readUpload` (http.ts) turns that into a message on the form.
 */
export const BODY_SIZE_LIMIT = '11M';
