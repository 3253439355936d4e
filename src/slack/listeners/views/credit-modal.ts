import type { App, ViewSubmitAction } from '@slack/bolt';
import { identifyIntake } from '../../../domain/customer-directory.ts';
import { requestCredit } from '../../../usecases/request-credit.ts';
import { BLOCK, VIEW } from '../../ids.ts';
import { channelFrom, readValues } from '../../views/modals.ts';
import { inboxOf, type ListenerDeps } from '../deps.ts';

/**
 * The credit claim modal. The checks need the database, so the claim is decided before the ack
 * (a few milliseconds): a refused claim is answered on the field and nothing is stored.
 */
export function registerCreditModal(app: App, deps: ListenerDeps): void {
  const contracts = deps.contracts;
  if (!contracts) return;
  app.view<ViewSubmitAction>(VIEW.creditModal, async ({ ack, body, view, context }) => {
    const values = readValues(view.state.values as never);
    const channelId = channelFrom(view.private_metadata);
    const identity = identifyIntake(deps.directory, channelId, body.user.team_id);
    if (!identity.ok) {
      await ack({
        response_action: 'errors',
        errors: {
          [BLOCK.creditIncident]:
            'Only members of the customer organisation this channel belongs to can request a service credit here.',
        },
      });
      return;
    }
    const outcome = await requestCredit({
      store: contracts.store,
      claims: contracts.claims,
      policy: contracts.policy,
      clock: deps.clock,
      request: {
        ...inboxOf(context),
        customerId: identity.customer.id,
        channelId,
        userId: body.user.id,
        incidentText: values[BLOCK.creditIncident] ?? '',
        note: values[BLOCK.creditNote]?.trim() ?? '',
      },
    });
    if (!outcome.ok && outcome.field) {
      await ack({
        response_action: 'errors',
        errors: { [outcome.field === 'note' ? BLOCK.creditNote : BLOCK.creditIncident]: outcome.message },
      });
      return;
    }
    await ack();
    deps.onCommitted();
  });
}
