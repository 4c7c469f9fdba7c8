export type { AttachmentView } from './attach.ts';
export { addAttachments, listAttachments, openAttachment } from './attach.ts';
export { checkFile, MAX_FILE_BYTES, MAX_FILES } from './check.ts';
export { attachmentRoutes } from './routes.ts';
export { ACCEPTED, sniff } from './sniff.ts';
export { citizenUploads, claimAttachments, linkToEvent, purgeAnonymised } from './store.ts';
export { stripMetadata } from './strip.ts';
