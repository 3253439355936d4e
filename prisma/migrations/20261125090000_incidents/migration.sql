-- CreateTable
CREATE TABLE "Incident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ticketId" INTEGER,
    "source" TEXT NOT NULL,
    "customerId" TEXT,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "components" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "acknowledgedBy" TEXT,
    "engagedAt" DATETIME,
    "resolvedAt" DATETIME,
    "resolvedBy" TEXT,
    "resolutionSummary" TEXT,
    "isUpstreamCause" BOOLEAN NOT NULL DEFAULT false,
    "upstreamProvider" TEXT,
    "channelId" TEXT,
    "alertFingerprint" TEXT,
    "plan" TEXT NOT NULL,
    "planVersion" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Incident_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "planVersion" INTEGER NOT NULL,
    "stepId" TEXT NOT NULL,
    "dueAt" DATETIME,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "firedAt" DATETIME,
    "lateMs" INTEGER,
    "outcome" TEXT,
    CONSTRAINT "IncidentStep_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    CONSTRAINT "IncidentEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ComponentStatusChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "componentId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "incidentId" INTEGER,
    "at" DATETIME NOT NULL,
    "source" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_ticketId_key" ON "Incident"("ticketId");

-- CreateIndex
CREATE INDEX "Incident_alertFingerprint_resolvedAt_idx" ON "Incident"("alertFingerprint", "resolvedAt");

-- CreateIndex
CREATE INDEX "Incident_customerId_startedAt_idx" ON "Incident"("customerId", "startedAt");

-- CreateIndex
CREATE INDEX "IncidentStep_state_dueAt_idx" ON "IncidentStep"("state", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentStep_incidentId_planVersion_stepId_key" ON "IncidentStep"("incidentId", "planVersion", "stepId");

-- CreateIndex
CREATE INDEX "IncidentEvent_incidentId_at_idx" ON "IncidentEvent"("incidentId", "at");

-- CreateIndex
CREATE INDEX "ComponentStatusChange_componentId_at_idx" ON "ComponentStatusChange"("componentId", "at");

