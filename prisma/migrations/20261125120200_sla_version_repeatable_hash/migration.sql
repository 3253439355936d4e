-- Reverting a change (say a weakening withdrawn during its notice period) brings back an earlier
-- version's content as a new version, so a content hash may repeat. The version key alone keeps
-- two starting processes from storing the same next version.
DROP INDEX "SlaVersion_contentHash_key";

-- CreateIndex
CREATE INDEX "SlaVersion_contentHash_idx" ON "SlaVersion"("contentHash");
