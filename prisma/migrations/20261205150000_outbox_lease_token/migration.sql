-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "leaseToken" TEXT;
