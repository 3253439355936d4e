-- A post-mortem or RCA whose summary sections are shown on the incident's public status page.
ALTER TABLE "Document" ADD COLUMN "publishedAt" DATETIME;
