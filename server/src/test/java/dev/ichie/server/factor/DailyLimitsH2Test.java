package dev.ichie.server.factor;

import dev.ichie.server.support.ServerTest;

/** The day's transfer limits on the embedded H2 database. */
@ServerTest
class DailyLimitsH2Test extends DailyLimitsContract {}
