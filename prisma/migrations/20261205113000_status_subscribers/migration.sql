-- Status subscribers: email (double opt-in) and signed webhooks, per component or all.
-- CreateTable
CREATE TABLE "StatusSubscriber" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "components" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "secret" TEXT,
    "state" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "confirmedAt" DATETIME,
    "endedAt" DATETIME,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscriber_token_key" ON "StatusSubscriber"("token");

-- CreateIndex
CREATE INDEX "StatusSubscriber_state_idx" ON "StatusSubscriber"("state");

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscriber_kind_address_key" ON "StatusSubscriber"("kind", "address");

