package dev.ichie.server.branch;

import dev.ichie.server.factor.PublishedPasswords;
import org.junit.jupiter.api.Test;

class DemoStaffTest {

  @Test
  void passwordsWhenCheckedThenEachHashIsItsPasswordsWithTodaysParameters() {
    PublishedPasswords.assertHashesMatch(DemoStaff.PASSWORDS);
  }
}
