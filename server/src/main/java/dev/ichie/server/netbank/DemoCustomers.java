package dev.ichie.server.netbank;

import dev.ichie.server.factor.PublishedPassword;
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

  static final PublishedPassword TARO_LOGIN =
      new PublishedPassword(
          "taro-pass-2026",
          "$argon2id$v=19$m=19456,t=2,p=1$AWBxTFKYX5q8ffXWUf39gQ$+ckqA4ukEPatYIRLpQN6+Dkr+WFD4dKEDdI6jsnvX5Y");
  static final PublishedPassword TARO_CONFIRM =
      new PublishedPassword(
          "taro-kakunin",
          "$argon2id$v=19$m=19456,t=2,p=1$qYx9LAzpc4q5Q23KXOciTw$ANioSYCKVtqMtN3CiSyiRarGkpP6eQhgaXy/j1JtPbA");
  static final PublishedPassword HANAKO_LOGIN =
      new PublishedPassword(
          "hanako-pass-2026",
          "$argon2id$v=19$m=19456,t=2,p=1$KpAZHKoiauarpw0rV+1X/Q$Fz/i53gyfjPoo+ZNp3cnLmfgOtrg1X+hT6kjy/5JaK0");
  static final PublishedPassword HANAKO_CONFIRM =
      new PublishedPassword(
          "hanako-kakunin",
          "$argon2id$v=19$m=19456,t=2,p=1$4sa9lG7BS4sgjZGqiruunA$uVy+9iuHLhvNFwT7BbNCr4B6HCtclWOUtlkZ0VuORRQ");

  private final BankCustomers customers;

  DemoCustomers(BankCustomers customers) {
    this.customers = customers;
  }

  @EventListener(ApplicationReadyEvent.class)
  void create() {
    boolean taro =
        customers.create(
            "NB0001", "taro", "山田 太郎", TARO_LOGIN::hash, TARO_CONFIRM::hash, "1234567", 1_250_000);
    boolean hanako =
        customers.create(
            "NB0002",
            "hanako",
            "佐藤 花子",
            HANAKO_LOGIN::hash,
            HANAKO_CONFIRM::hash,
            "7654321",
            830_000);
    if (taro || hanako) {
      log.info("demo customers created: login IDs taro and hanako (see README.md)");
    }
  }
}
