import type { App } from '@slack/bolt';
import type { ListenerDeps } from './deps.ts';
import { registerAppMention } from './events/app-mention.ts';
import { registerMessage } from './events/message.ts';
import { registerOpenTicket } from './actions/open-ticket.ts';
import { registerTicketActions } from './actions/ticket-actions.ts';
import { registerTicketModal } from './views/ticket-modal.ts';
import { registerReclassifyModal } from './views/reclassify-modal.ts';
import { registerResolveModal } from './views/resolve-modal.ts';
import { registerTplusCommand } from './commands/tplus-command.ts';
import { registerFileFromMessage } from './shortcuts/file-from-message.ts';
import { registerRequestCredit } from './actions/request-credit.ts';
import { registerCreditDecision } from './actions/credit-decision.ts';
import { registerCreditModal } from './views/credit-modal.ts';
import { registerDraftDocument } from './actions/draft-document.ts';
import { registerEditDocument } from './actions/edit-document.ts';
import { registerApproveDocument } from './actions/approve-document.ts';
import { registerSendDocument } from './actions/send-document.ts';
import { registerDocumentModal } from './views/document-modal.ts';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerAppMention(app, deps);
  registerMessage(app, deps);
  registerOpenTicket(app, deps);
  registerTicketActions(app, deps);
  registerTicketModal(app, deps);
  registerReclassifyModal(app, deps);
  registerResolveModal(app, deps);
  registerTplusCommand(app, deps);
  registerFileFromMessage(app, deps);
  registerRequestCredit(app, deps);
  registerCreditModal(app, deps);
  registerCreditDecision(app, deps);
  registerDraftDocument(app, deps);
  registerEditDocument(app, deps);
  registerApproveDocument(app, deps);
  registerSendDocument(app, deps);
  registerDocumentModal(app, deps);
}
