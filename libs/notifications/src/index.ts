export * from './message';
export * from './templates';
export * from './list-reports';
export * from './routes';
export { SmtpChannel, messageIdFor } from './channels/smtp.channel';
export { WebhookChannel, sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './channels/webhook.channel';
export { LogChannel } from './channels/log.channel';
export * from './escalation-policy';
export * from './caught-mail';
