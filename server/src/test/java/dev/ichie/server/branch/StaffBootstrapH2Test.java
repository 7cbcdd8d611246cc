package dev.ichie.server.branch;

import dev.ichie.server.support.ServerTest;

@ServerTest
class StaffBootstrapH2Test extends StaffBootstrapContract {}
