-- The sections of a post-incident document as edited in Slack (JSON object, section name → text):
-- the Markdown is re-rendered from the template with them, so a template fix reaches old drafts.
ALTER TABLE "Document" ADD COLUMN "sections" TEXT NOT NULL DEFAULT '{}';

-- When the follow-up deadlines of a resolved incident were planned (null: not yet). The
-- follow-up sweep looks for resolved incidents where this is null.
ALTER TABLE "Incident" ADD COLUMN "followUpsPlannedAt" DATETIME;

-- Incidents resolved before this feature get no retroactive deadlines.
UPDATE "Incident" SET "followUpsPlannedAt" = "resolvedAt" WHERE "resolvedAt" IS NOT NULL;

CREATE INDEX "Incident_followUpsPlannedAt_resolvedAt_idx" ON "Incident"("followUpsPlannedAt", "resolvedAt");
