-- CreateTable
CREATE TABLE "DueTimeTerms" (
    "version" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "content" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL
);

