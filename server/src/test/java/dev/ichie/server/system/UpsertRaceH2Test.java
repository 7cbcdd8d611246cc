package dev.ichie.server.system;

import dev.ichie.server.support.ServerTest;

/** The upsert races on the embedded H2 database. */
@ServerTest
class UpsertRaceH2Test extends UpsertRaceContract {}
