export type {
  ChannelAdapter,
  ChannelKind,
  DeliveryReceipt,
  RenderedMessage,
  SendOutcome,
} from './adapter.ts';
export type { DeliveryOptions, PassResult } from './deliver.ts';
export { applyReceipt, deliverDue, deliverOnce, logOutbound } from './deliver.ts';
export type { NotificationInput, Recipient, TemplateName } from './outbox.ts';
export { enqueueNotification, listNotifications, notificationsForStaff } from './outbox.ts';
export { otpCodeOf } from './render.ts';
export { notifyRoutes } from './routes.ts';
export { replyText, statusText } from './templates.ts';
export type { DeliveryWorker } from './worker.ts';
export { startDelivery } from './worker.ts';
