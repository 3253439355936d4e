-- A credit claim keeps what the customer wrote, the amount owed, and the channel to tell them the outcome in.
ALTER TABLE "CreditClaim" ADD COLUMN "note" TEXT;
ALTER TABLE "CreditClaim" ADD COLUMN "creditAmount" REAL;
ALTER TABLE "CreditClaim" ADD COLUMN "currency" TEXT;
ALTER TABLE "CreditClaim" ADD COLUMN "channelId" TEXT NOT NULL DEFAULT '';

-- One claim per customer and incident, also against two submissions racing.
CREATE UNIQUE INDEX "CreditClaim_customerId_incidentId_key" ON "CreditClaim"("customerId", "incidentId");
