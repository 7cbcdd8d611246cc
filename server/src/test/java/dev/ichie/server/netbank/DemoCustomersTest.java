package dev.ichie.server.netbank;

import dev.ichie.server.factor.PublishedPasswords;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCustomersTest {

  @Test
  void passwordsWhenCheckedThenEachHashIsItsPasswordsWithTodaysParameters() {
    PublishedPasswords.assertHashesMatch(
        List.of(
            DemoCustomers.TARO_LOGIN,
            DemoCustomers.TARO_CONFIRM,
            DemoCustomers.HANAKO_LOGIN,
            DemoCustomers.HANAKO_CONFIRM));
  }
}
