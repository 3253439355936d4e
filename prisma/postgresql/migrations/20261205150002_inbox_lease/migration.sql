-- AlterTable
ALTER TABLE "InboxEvent" ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3);

