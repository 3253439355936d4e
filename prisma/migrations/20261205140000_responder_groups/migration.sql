-- CreateTable
CREATE TABLE "ResponderGroup" (
    "groupId" TEXT NOT NULL PRIMARY KEY,
    "members" TEXT NOT NULL,
    "refreshedAt" DATETIME NOT NULL
);
