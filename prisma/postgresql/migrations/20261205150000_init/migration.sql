-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "retryNum" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT,
    "lastError" TEXT,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "InboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" SERIAL NOT NULL,
    "inboxKey" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "threadTs" TEXT,
    "source" TEXT NOT NULL,
    "reporterUserId" TEXT NOT NULL,
    "reporterTeamId" TEXT NOT NULL,
    "isFiledOnBehalf" BOOLEAN NOT NULL DEFAULT false,
    "summary" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "impact" TEXT,
    "component" TEXT,
    "proposedSeverity" TEXT,
    "severity" TEXT NOT NULL,
    "classificationReason" TEXT NOT NULL,
    "classificationSignals" TEXT NOT NULL,
    "classifiedSeverity" TEXT,
    "classificationConfidence" DOUBLE PRECISION,
    "isPossibleS1" BOOLEAN NOT NULL DEFAULT false,
    "impactAnswers" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'open',
    "filedAt" TIMESTAMP(3) NOT NULL,
    "firstResponseDueAt" TIMESTAMP(3) NOT NULL,
    "firstResponseAt" TIMESTAMP(3),
    "firstResponseBy" TEXT,
    "slaBreachedAt" TIMESTAMP(3),
    "escalationRequestedAt" TIMESTAMP(3),
    "needsIncidentSync" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketComment" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "authorUserId" TEXT NOT NULL,
    "authorTeamId" TEXT NOT NULL,
    "isResponder" BOOLEAN NOT NULL,
    "text" TEXT NOT NULL,
    "messageTs" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeverityChange" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "fromSeverity" TEXT,
    "toSeverity" TEXT NOT NULL,
    "actorUserId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeverityChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeverityExample" (
    "id" SERIAL NOT NULL,
    "text" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "actorUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeverityExample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "detail" TEXT NOT NULL,

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "settledAt" TIMESTAMP(3),

    CONSTRAINT "Deadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "dependsOnKey" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "isAmbiguous" BOOLEAN NOT NULL DEFAULT false,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "result" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER,
    "source" TEXT NOT NULL,
    "customerId" TEXT,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "components" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "engagedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "resolutionSummary" TEXT,
    "isUpstreamCause" BOOLEAN NOT NULL DEFAULT false,
    "upstreamProvider" TEXT,
    "isCustomerCaused" BOOLEAN NOT NULL DEFAULT false,
    "followUpsPlannedAt" TIMESTAMP(3),
    "channelId" TEXT,
    "commanderId" TEXT,
    "commsId" TEXT,
    "statusRemindedAt" TIMESTAMP(3),
    "alertFingerprint" TEXT,
    "plan" TEXT NOT NULL,
    "planVersion" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentStep" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "planVersion" INTEGER NOT NULL,
    "stepId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "state" TEXT NOT NULL DEFAULT 'pending',
    "firedAt" TIMESTAMP(3),
    "lateMs" INTEGER,
    "outcome" TEXT,

    CONSTRAINT "IncidentStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentEvent" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "detail" TEXT NOT NULL,

    CONSTRAINT "IncidentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComponentStatusChange" (
    "id" SERIAL NOT NULL,
    "componentId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "incidentId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "ComponentStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusIncident" (
    "id" SERIAL NOT NULL,
    "publicId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "incidentId" INTEGER,
    "name" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "upstreamProvider" TEXT,
    "components" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "monitoringAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "scheduledFor" TIMESTAMP(3),
    "scheduledUntil" TIMESTAMP(3),
    "announcedAt" TIMESTAMP(3),
    "isForced" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "StatusIncident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusUpdate" (
    "id" SERIAL NOT NULL,
    "publicId" TEXT NOT NULL,
    "statusIncidentId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "components" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "displayAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaVersion" (
    "version" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "diff" TEXT NOT NULL,
    "isWeakening" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "effectiveAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlaVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "customerId" TEXT NOT NULL DEFAULT '',
    "markdown" TEXT NOT NULL,
    "sections" TEXT NOT NULL DEFAULT '{}',
    "state" TEXT NOT NULL DEFAULT 'draft',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "editedBy" TEXT,
    "approvedBy" TEXT,
    "approvedAt" TIMESTAMP(3),
    "sentBy" TEXT,
    "sentAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpDeadline" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "customerId" TEXT NOT NULL DEFAULT '',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "isBusinessDays" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL DEFAULT 'open',
    "metAt" TIMESTAMP(3),

    CONSTRAINT "FollowUpDeadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadlineReminder" (
    "id" SERIAL NOT NULL,
    "deadlineId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "firedAt" TIMESTAMP(3),

    CONSTRAINT "DeadlineReminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditClaim" (
    "id" SERIAL NOT NULL,
    "inboxKey" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "uptimePercent" DOUBLE PRECISION NOT NULL,
    "creditPercent" DOUBLE PRECISION NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "appliedCycle" TEXT,
    "note" TEXT,
    "creditAmount" DOUBLE PRECISION,
    "currency" TEXT,
    "channelId" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "CreditClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TerminationTrigger" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TerminationTrigger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusSubscriber" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "components" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "secret" TEXT,
    "state" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "StatusSubscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DueTimeTerms" (
    "version" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DueTimeTerms_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "ResponderGroup" (
    "groupId" TEXT NOT NULL,
    "members" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResponderGroup_pkey" PRIMARY KEY ("groupId")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxEvent_dedupeKey_key" ON "InboxEvent"("dedupeKey");

-- CreateIndex
CREATE INDEX "InboxEvent_state_id_idx" ON "InboxEvent"("state", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_inboxKey_key" ON "Ticket"("inboxKey");

-- CreateIndex
CREATE INDEX "Ticket_channelId_threadTs_idx" ON "Ticket"("channelId", "threadTs");

-- CreateIndex
CREATE INDEX "Ticket_customerId_filedAt_idx" ON "Ticket"("customerId", "filedAt");

-- CreateIndex
CREATE INDEX "Ticket_needsIncidentSync_idx" ON "Ticket"("needsIncidentSync");

-- CreateIndex
CREATE UNIQUE INDEX "TicketComment_ticketId_messageTs_key" ON "TicketComment"("ticketId", "messageTs");

-- CreateIndex
CREATE INDEX "SeverityExample_ticketId_idx" ON "SeverityExample"("ticketId");

-- CreateIndex
CREATE INDEX "TimelineEntry_ticketId_at_idx" ON "TimelineEntry"("ticketId", "at");

-- CreateIndex
CREATE INDEX "Deadline_state_dueAt_idx" ON "Deadline"("state", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Deadline_ticketId_kind_key" ON "Deadline"("ticketId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_key_key" ON "OutboxMessage"("key");

-- CreateIndex
CREATE INDEX "OutboxMessage_state_nextAttemptAt_idx" ON "OutboxMessage"("state", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_ticketId_key" ON "Incident"("ticketId");

-- CreateIndex
CREATE INDEX "Incident_alertFingerprint_resolvedAt_idx" ON "Incident"("alertFingerprint", "resolvedAt");

-- CreateIndex
CREATE INDEX "Incident_customerId_startedAt_idx" ON "Incident"("customerId", "startedAt");

-- CreateIndex
CREATE INDEX "Incident_followUpsPlannedAt_resolvedAt_idx" ON "Incident"("followUpsPlannedAt", "resolvedAt");

-- CreateIndex
CREATE INDEX "IncidentStep_state_dueAt_idx" ON "IncidentStep"("state", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentStep_incidentId_planVersion_stepId_key" ON "IncidentStep"("incidentId", "planVersion", "stepId");

-- CreateIndex
CREATE INDEX "IncidentEvent_incidentId_at_idx" ON "IncidentEvent"("incidentId", "at");

-- CreateIndex
CREATE INDEX "ComponentStatusChange_componentId_at_idx" ON "ComponentStatusChange"("componentId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "StatusIncident_publicId_key" ON "StatusIncident"("publicId");

-- CreateIndex
CREATE UNIQUE INDEX "StatusIncident_incidentId_key" ON "StatusIncident"("incidentId");

-- CreateIndex
CREATE INDEX "StatusIncident_kind_resolvedAt_idx" ON "StatusIncident"("kind", "resolvedAt");

-- CreateIndex
CREATE INDEX "StatusIncident_createdAt_idx" ON "StatusIncident"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StatusUpdate_publicId_key" ON "StatusUpdate"("publicId");

-- CreateIndex
CREATE INDEX "StatusUpdate_statusIncidentId_createdAt_idx" ON "StatusUpdate"("statusIncidentId", "createdAt");

-- CreateIndex
CREATE INDEX "StatusUpdate_createdAt_idx" ON "StatusUpdate"("createdAt");

-- CreateIndex
CREATE INDEX "SlaVersion_contentHash_idx" ON "SlaVersion"("contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "Document_incidentId_kind_customerId_key" ON "Document"("incidentId", "kind", "customerId");

-- CreateIndex
CREATE INDEX "FollowUpDeadline_state_dueAt_idx" ON "FollowUpDeadline"("state", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpDeadline_incidentId_kind_customerId_key" ON "FollowUpDeadline"("incidentId", "kind", "customerId");

-- CreateIndex
CREATE INDEX "DeadlineReminder_state_dueAt_idx" ON "DeadlineReminder"("state", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineReminder_deadlineId_kind_key" ON "DeadlineReminder"("deadlineId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "CreditClaim_inboxKey_key" ON "CreditClaim"("inboxKey");

-- CreateIndex
CREATE INDEX "CreditClaim_customerId_month_idx" ON "CreditClaim"("customerId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "CreditClaim_customerId_incidentId_key" ON "CreditClaim"("customerId", "incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "TerminationTrigger_key_key" ON "TerminationTrigger"("key");

-- CreateIndex
CREATE INDEX "TerminationTrigger_customerId_firedAt_idx" ON "TerminationTrigger"("customerId", "firedAt");

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscriber_token_key" ON "StatusSubscriber"("token");

-- CreateIndex
CREATE INDEX "StatusSubscriber_state_idx" ON "StatusSubscriber"("state");

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscriber_kind_address_key" ON "StatusSubscriber"("kind", "address");

-- AddForeignKey
ALTER TABLE "TicketComment" ADD CONSTRAINT "TicketComment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeverityChange" ADD CONSTRAINT "SeverityChange_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeverityExample" ADD CONSTRAINT "SeverityExample_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deadline" ADD CONSTRAINT "Deadline_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentStep" ADD CONSTRAINT "IncidentStep_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentEvent" ADD CONSTRAINT "IncidentEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusIncident" ADD CONSTRAINT "StatusIncident_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusUpdate" ADD CONSTRAINT "StatusUpdate_statusIncidentId_fkey" FOREIGN KEY ("statusIncidentId") REFERENCES "StatusIncident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpDeadline" ADD CONSTRAINT "FollowUpDeadline_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineReminder" ADD CONSTRAINT "DeadlineReminder_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "FollowUpDeadline"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

