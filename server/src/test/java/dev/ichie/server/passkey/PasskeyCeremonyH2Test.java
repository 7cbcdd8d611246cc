package dev.ichie.server.passkey;

import dev.ichie.server.support.ServerTest;

/** The passkey ceremonies on the embedded H2 database. */
@ServerTest
class PasskeyCeremonyH2Test extends PasskeyCeremonyContract {}
