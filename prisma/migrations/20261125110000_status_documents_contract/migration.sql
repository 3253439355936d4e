-- CreateTable
CREATE TABLE "StatusIncident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "publicId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "incidentId" INTEGER,
    "name" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "upstreamProvider" TEXT,
    "components" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "monitoringAt" DATETIME,
    "resolvedAt" DATETIME,
    "scheduledFor" DATETIME,
    "scheduledUntil" DATETIME,
    "announcedAt" DATETIME,
    "isForced" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "StatusIncident_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatusUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "publicId" TEXT NOT NULL,
    "statusIncidentId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "components" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "displayAt" DATETIME NOT NULL,
    CONSTRAINT "StatusUpdate_statusIncidentId_fkey" FOREIGN KEY ("statusIncidentId") REFERENCES "StatusIncident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SlaVersion" (
    "version" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contentHash" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "diff" TEXT NOT NULL,
    "isWeakening" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    "effectiveAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Document" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "customerId" TEXT NOT NULL DEFAULT '',
    "markdown" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "editedBy" TEXT,
    "approvedBy" TEXT,
    "approvedAt" DATETIME,
    "sentBy" TEXT,
    "sentAt" DATETIME,
    CONSTRAINT "Document_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FollowUpDeadline" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "customerId" TEXT NOT NULL DEFAULT '',
    "dueAt" DATETIME NOT NULL,
    "isBusinessDays" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL DEFAULT 'open',
    "metAt" DATETIME,
    CONSTRAINT "FollowUpDeadline_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeadlineReminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "deadlineId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "firedAt" DATETIME,
    CONSTRAINT "DeadlineReminder_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "FollowUpDeadline" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CreditClaim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inboxKey" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "uptimePercent" REAL NOT NULL,
    "creditPercent" REAL NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "decidedBy" TEXT,
    "decidedAt" DATETIME,
    "appliedCycle" TEXT
);

-- CreateTable
CREATE TABLE "TerminationTrigger" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "firedAt" DATETIME NOT NULL
);

-- AlterTable (a column with a default: no table rebuild needed)
ALTER TABLE "Incident" ADD COLUMN "isCustomerCaused" BOOLEAN NOT NULL DEFAULT false;

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
CREATE UNIQUE INDEX "SlaVersion_contentHash_key" ON "SlaVersion"("contentHash");

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
CREATE UNIQUE INDEX "TerminationTrigger_key_key" ON "TerminationTrigger"("key");

-- CreateIndex
CREATE INDEX "TerminationTrigger_customerId_firedAt_idx" ON "TerminationTrigger"("customerId", "firedAt");

