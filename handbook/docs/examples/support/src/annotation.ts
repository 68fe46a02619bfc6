/** The annotation that holds where to ask for help: a chat channel's URL. */
export const SUPPORT_CHANNEL_ANNOTATION = 'greenroom.io/support-channel';
