-- What the trained classifier said about a ticket: its severity (kept when a responder or the
-- customer changes it), its calibrated confidence, and whether S1 is possible. Columns, not
-- Prisma's table rebuild, so existing rows (and foreign keys) stay put.
ALTER TABLE "Ticket" ADD COLUMN "classifiedSeverity" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "classificationConfidence" REAL;
ALTER TABLE "Ticket" ADD COLUMN "isPossibleS1" BOOLEAN NOT NULL DEFAULT false;

-- The customer's latest answer to each impact question (JSON object).
ALTER TABLE "Ticket" ADD COLUMN "impactAnswers" TEXT NOT NULL DEFAULT '{}';

-- Tickets filed before: the classifier's severity is the first recorded one; the regex rules had no confidence.
UPDATE "Ticket" SET "classifiedSeverity" = (
    SELECT "toSeverity" FROM "SeverityChange"
    WHERE "SeverityChange"."ticketId" = "Ticket"."id" AND "SeverityChange"."fromSeverity" IS NULL
    ORDER BY "SeverityChange"."id" LIMIT 1
);

-- CreateTable: the team's corrections, read by `tplus train`.
CREATE TABLE "SeverityExample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "text" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "actorUserId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "SeverityExample_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SeverityExample_ticketId_idx" ON "SeverityExample"("ticketId");
