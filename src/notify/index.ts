export type { NotificationInput, Recipient, TemplateName } from './outbox.ts';
export { enqueueNotification, listNotifications } from './outbox.ts';
