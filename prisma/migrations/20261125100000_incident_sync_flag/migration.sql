-- AlterTable: a flag instead of Prisma's table rebuild, so existing rows (and foreign keys) stay put.
ALTER TABLE "Ticket" ADD COLUMN "needsIncidentSync" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "Ticket_needsIncidentSync_idx" ON "Ticket"("needsIncidentSync");
