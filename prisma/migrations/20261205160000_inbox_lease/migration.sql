-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN "leaseOwner" TEXT;
ALTER TABLE "InboxEvent" ADD COLUMN "leaseUntil" DATETIME;
