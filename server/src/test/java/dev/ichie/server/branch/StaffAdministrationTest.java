package dev.ichie.server.branch;

import dev.ichie.server.support.ServerTest;

/** Staff administration under dual control on H2. */
@ServerTest
class StaffAdministrationTest extends StaffAdministrationContract {}
