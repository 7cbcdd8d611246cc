package dev.ichie.server.factor;

import dev.ichie.server.support.ServerTest;
import org.springframework.test.context.TestPropertySource;

/** The spray throttle on the embedded H2 database. */
@ServerTest
@TestPropertySource(properties = "ichie.factors.wrong-guesses-per-address=30")
class GuessThrottleH2Test extends GuessThrottleContract {}
