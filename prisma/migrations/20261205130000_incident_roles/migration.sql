-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "commanderId" TEXT;
ALTER TABLE "Incident" ADD COLUMN "commsId" TEXT;
ALTER TABLE "Incident" ADD COLUMN "statusRemindedAt" DATETIME;
