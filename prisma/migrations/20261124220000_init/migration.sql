-- CreateTable
CREATE TABLE "InboxEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "retryNum" INTEGER NOT NULL DEFAULT 0,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT,
    "lastError" TEXT,
    "processedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "status" TEXT NOT NULL DEFAULT 'open',
    "filedAt" DATETIME NOT NULL,
    "firstResponseDueAt" DATETIME NOT NULL,
    "firstResponseAt" DATETIME,
    "firstResponseBy" TEXT,
    "slaBreachedAt" DATETIME,
    "escalationRequestedAt" DATETIME
);

-- CreateTable
CREATE TABLE "TicketComment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ticketId" INTEGER NOT NULL,
    "authorUserId" TEXT NOT NULL,
    "authorTeamId" TEXT NOT NULL,
    "isResponder" BOOLEAN NOT NULL,
    "text" TEXT NOT NULL,
    "messageTs" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "TicketComment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SeverityChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ticketId" INTEGER NOT NULL,
    "fromSeverity" TEXT,
    "toSeverity" TEXT NOT NULL,
    "actorUserId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "SeverityChange_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ticketId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    CONSTRAINT "TimelineEntry_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ticketId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "settledAt" DATETIME,
    CONSTRAINT "Deadline_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "dependsOnKey" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "isAmbiguous" BOOLEAN NOT NULL DEFAULT false,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "result" TEXT,
    "createdAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME
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
CREATE UNIQUE INDEX "TicketComment_ticketId_messageTs_key" ON "TicketComment"("ticketId", "messageTs");

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

