package dev.ichie.server.factor;

import dev.ichie.server.support.ServerTest;

/** The guess races on the embedded H2 database. */
@ServerTest
class GuessRaceH2Test extends GuessRaceContract {}
