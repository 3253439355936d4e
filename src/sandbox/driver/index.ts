/** Drives tplus the way Slack does: signed requests carrying Slack-shaped payloads. */
export { encodeSlackBody, sendSigned, signSlackRequest, type RequestKind, type SignedResponse } from './sign.ts';
export {
  buildAppMention,
  buildBlockActions,
  buildChannelMessage,
  buildEventCallback,
  buildSlashCommand,
  buildViewSubmission,
} from './payloads.ts';
