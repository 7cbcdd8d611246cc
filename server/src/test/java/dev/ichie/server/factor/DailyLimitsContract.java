package dev.ichie.server.factor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import dev.ichie.server.token.TokenIssuance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The day's transfer limits in the database: concurrent transfers at the edge never sum above the
 * ceiling, the day is the bank's (Asia/Tokyo), a lowering holds at once and a raise waits and is
 * mailed. Run on each database by its subclasses.
 */
abstract class DailyLimitsContract {

  static final AtomicInteger N = new AtomicInteger();
  static final Actor ACTOR = new Actor(Actor.Type.CUSTOMER, "limits", "192.0.2.7");

  @Autowired DailyLimits limits;
  @Autowired FactorCheck factors;
  @Autowired TokenIssuance issuance;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;

  Subject subject;

  @BeforeEach
  void fresh() {
    clock.set(TestConfig.START);
    subject =
        new Subject("demo", "L" + ProcessHandle.current().pid() % 1000 + "x" + N.incrementAndGet());
  }

  @Test
  void spendWhenSixteenAtOnceAtTheEdgeThenNeverAboveTheCeiling() throws Exception {
    long ceiling = 1_000_000;
    limits.spend(subject, 250_000, ceiling).orElseThrow();
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Optional<DailyLimits.Spent>>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(
          pool.submit(
              () -> {
                ready.countDown();
                go.await();
                return limits.spend(subject, 100_000, ceiling);
              }));
    }
    ready.await();
    go.countDown();
    long taken = 0;
    for (Future<Optional<DailyLimits.Spent>> f : futures) {
      taken += f.get().isPresent() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(taken).as("7 of 16 fit in the 750,000 left").isEqualTo(7);
    assertThat(limits.usage(subject).spent()).isEqualTo(950_000);
    assertThat(limits.spend(subject, 50_001, ceiling)).isEmpty();
    DailyLimits.Spent last = limits.spend(subject, 50_000, ceiling).orElseThrow();
    limits.giveBack(last);
    assertThat(limits.usage(subject).spent()).isEqualTo(950_000);
  }

  @Test
  void spendWhenMidnightInTokyoThenANewDay() {
    // 2026-11-26T14:59:59Z is 23:59:59 in Tokyo; a second later the bank's day is the 27th.
    clock.set(Instant.parse("2026-11-26T14:59:59Z"));
    limits.spend(subject, 200_000, 200_000).orElseThrow();
    assertThat(limits.spend(subject, 1, 200_000)).isEmpty();
    clock.set(Instant.parse("2026-11-26T15:00:00Z"));
    assertThat(limits.usage(subject).spent()).isZero();
    assertThat(limits.spend(subject, 200_000, 200_000)).isPresent();
  }

  @Test
  void ownLimitWhenLoweredThenAtOnceAndWhenRaisedThenAfterTheDelayAndMailed() {
    String address = subject.customerRef().toLowerCase(java.util.Locale.ROOT) + "@example.jp";
    issuance.issue("demo", subject.customerRef(), address, "50738291", ACTOR);
    TransferLimits caps = TransferLimits.DEFAULTS;
    assertThat(limits.change(subject, 300_000, caps, false, ACTOR))
        .isEqualTo(DailyLimits.Change.LOWERED);
    assertThat(limits.usage(subject).own()).isEqualTo(300_000);
    assertThat(limits.change(subject, 2_000_000, caps, false, ACTOR))
        .as("a raise without its factors changes nothing")
        .isEqualTo(DailyLimits.Change.NOT_PROVED);
    assertThat(limits.change(subject, 2_000_000, caps, true, ACTOR))
        .isEqualTo(DailyLimits.Change.RAISE_ASKED);
    DailyLimits.OwnLimit waiting = limits.own(subject);
    assertThat(waiting.own()).as("the raise waits").isEqualTo(300_000);
    assertThat(waiting.raiseTo()).contains(2_000_000L);
    assertThat(waiting.raiseFrom()).contains(clock.instant().plus(Duration.ofHours(24)));
    clock.advance(Duration.ofHours(24).minusSeconds(1));
    assertThat(limits.usage(subject).own()).isEqualTo(300_000);
    clock.advance(Duration.ofSeconds(1));
    assertThat(limits.usage(subject).own()).isEqualTo(2_000_000);
    assertThat(limits.change(subject, 10_000_001, caps, true, ACTOR))
        .isEqualTo(DailyLimits.Change.TOO_HIGH);
    assertThat(limits.change(subject, 2_000_000, caps, true, ACTOR))
        .isEqualTo(DailyLimits.Change.UNCHANGED);
    List<String> mails =
        jdbc.sql(
                "SELECT kind || ':' || body FROM mail_outbox WHERE recipient = ?"
                    + " AND kind LIKE 'LIMIT_%' ORDER BY id")
            .param(address)
            .query(String.class)
            .list();
    assertThat(mails).hasSize(2);
    assertThat(mails.get(0)).startsWith("LIMIT_LOWERED:").contains("300,000");
    assertThat(mails.get(1)).startsWith("LIMIT_RAISE_ASKED:").contains("2,000,000");
    assertThat(mails.get(1)).as("in the bank's time").contains("2026-11-27 12:00");
    assertThat(String.join("\n", mails)).doesNotContain("http");
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM audit_event WHERE customer_ref = ?"
                        + " AND event IN ('LIMIT_LOWERED', 'LIMIT_RAISE_ASKED')")
                .param(subject.customerRef())
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void changeWhenSixteenRaisesAndLoweringsAtOnceThenOneAfterAnother() throws Exception {
    TransferLimits caps = TransferLimits.DEFAULTS;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<DailyLimits.Change>> futures = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      long amount = 100_000L * (i + 1);
      futures.add(
          pool.submit(
              () -> {
                go.await();
                return limits.change(subject, amount, caps, true, ACTOR);
              }));
    }
    go.countDown();
    for (Future<DailyLimits.Change> f : futures) {
      assertThat(f.get()).isNotNull();
    }
    pool.shutdown();
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM transfer_limit WHERE customer_ref = ?")
                .param(subject.customerRef())
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Autowired CoolingOff coolingOff;
  @Autowired TransferHolds holds;

  @Test
  void coolingOffAndHoldWhenSixteenAtOnceThenOneRowAndNoError() throws Exception {
    // A service the test settings do not name keeps the default cooling-off (72 h).
    Subject subject = new Subject("unnamed", this.subject.customerRef());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      int k = i;
      futures.add(
          pool.submit(
              () -> {
                go.await();
                if (k % 2 == 0) {
                  coolingOff.start(subject, CoolingOff.Reason.NEW_DEVICE, ACTOR);
                } else {
                  holds.set(subject, "flag " + k, ACTOR);
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    for (String table : new String[] {"cooling_off", "transfer_hold"}) {
      assertThat(
              jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE customer_ref = ?")
                  .param(subject.customerRef())
                  .query(Long.class)
                  .single())
          .as(table)
          .isEqualTo(1);
    }
    TransferUsage usage = limits.usage(subject);
    assertThat(usage.held()).isTrue();
    assertThat(usage.coolingOff()).isTrue();
  }
}
