import { customerDocumentModel, internalDocumentModel } from '../domain/documents/index.ts';
import { affectedCustomers, isCustomerFacing, type FollowUpKind } from '../domain/follow-ups/index.ts';
import type { Incident } from '../domain/incident.ts';
import type { DocumentStore } from './document-ports.ts';
import { customerById, type DocumentPolicy } from './document-policy.ts';
import type { IncidentStore } from './incident-ports.ts';

/**
 * Renders a document of a resolved incident from its current facts and the given sections:
 * looks up the timeline, status updates and the post-mortem's answers, then calls the pure
 * model builder and the templates. Customer documents get the public facts only. Returns the
 * sections as used (first drafts filled in), so the edit modal starts from them.
 */
export async function composeDocument({
  incidents,
  documents,
  policy,
  incident,
  kind,
  customerId,
  sections,
}: {
  incidents: IncidentStore;
  documents: DocumentStore;
  policy: DocumentPolicy;
  incident: Incident & { resolvedAt: Date };
  kind: FollowUpKind;
  customerId: string;
  sections: Record<string, string>;
}): Promise<{ markdown: string; sections: Record<string, string> }> {
  const updates = await policy.statusUpdates(incident.id);
  const postmortem = kind === 'postmortem' ? undefined : await documents.find(incident.id, 'postmortem', '');
  const facts = {
    kind,
    incident,
    componentName: policy.componentName,
    updates,
    sections,
    ...(postmortem ? { postmortemSections: postmortem.sections } : {}),
  };
  if (isCustomerFacing(kind)) {
    const customer = customerById(policy, customerId);
    if (!customer) throw new Error(`unknown customer ${customerId}`);
    const model = customerDocumentModel(facts, { name: customer.name, timeZone: customer.calendar.timeZone });
    return { markdown: policy.render(model), sections: model.sections };
  }
  const timeline = (await incidents.timeline(incident.id)).map((e) => ({ at: e.at, text: e.text }));
  const model = internalDocumentModel(facts, {
    timeZone: policy.internalTimeZone,
    timeline,
    affectedCustomers: affectedCustomers(incident, policy.customers).map((c) => c.name),
  });
  return { markdown: policy.render(model), sections: model.sections };
}
