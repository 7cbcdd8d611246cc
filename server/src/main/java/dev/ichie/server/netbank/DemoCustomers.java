package dev.ichie.server.netbank;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The two demo customers of the development defaults ({@code ichie.netbank.demo-customers: true}),
 * whose credentials README.md gives. Never in production.
 */
@Component
@NetbankEnabled
@ConditionalOnProperty(name = "ichie.netbank.demo-customers", havingValue = "true")
class DemoCustomers {

  private static final Logger log = LoggerFactory.getLogger(DemoCustomers.class);

  private final BankCustomers customers;

  DemoCustomers(BankCustomers customers) {
    this.customers = customers;
  }

  @EventListener(ApplicationReadyEvent.class)
  void create() {
    boolean taro =
        customers.create(
            "NB0001", "taro", "山田 太郎", "taro-pass-2026", "taro-kakunin", "1234567", 1_250_000);
    boolean hanako =
        customers.create(
            "NB0002", "hanako", "佐藤 花子", "hanako-pass-2026", "hanako-kakunin", "7654321", 830_000);
    if (taro || hanako) {
      log.info("demo customers created: login IDs taro and hanako (see README.md)");
    }
  }
}
