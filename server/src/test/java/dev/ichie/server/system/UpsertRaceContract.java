package dev.ichie.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.server.support.TestClock;
import dev.ichie.server.support.TestConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Writes that meet on one row: hits on one rate-limit bucket all at once, at the opening of its
 * window, as a crowd of activation starts or wrong guesses on several nodes would come (every hit
 * is answered, none fails, exactly the limit pass), and two requests of one web session adding the
 * same attribute. Run on each database by its subclasses.
 */
abstract class UpsertRaceContract {

  static final int AT_ONCE = 16;
  static final int LIMIT = 5;
  static final int ROUNDS = 20;
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final AtomicInteger N = new AtomicInteger();

  @Autowired RateLimiter limiter;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired JdbcIndexedSessionRepository sessions;

  String key;

  @BeforeEach
  void fresh() {
    // The first instant of a window: every hit below opens it together.
    clock.set(TestConfig.START.plus(Duration.ofDays(400 + N.incrementAndGet())));
    key = "race-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + N.get();
  }

  <T> List<T> atOnce(Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
    CountDownLatch ready = new CountDownLatch(AT_ONCE);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < AT_ONCE; i++) {
      futures.add(
          pool.submit(
              () -> {
                ready.countDown();
                go.await();
                return call.call();
              }));
    }
    ready.await();
    go.countDown();
    List<T> results = new ArrayList<>();
    try {
      for (Future<T> f : futures) {
        results.add(f.get());
      }
    } finally {
      pool.shutdown();
    }
    return results;
  }

  int stored() {
    return jdbc.sql("SELECT hits FROM rate_limit WHERE bucket LIKE ?")
        .param(key + "#%")
        .query(Integer.class)
        .single();
  }

  @Test
  void hitWhenManyOpenTheWindowAtOnceThenEachAnsweredAndExactlyTheLimitPass() throws Exception {
    // Several rounds, each on a fresh bucket: the race is at the insert of the first hit.
    for (int round = 0; round < ROUNDS; round++) {
      key = key + "-" + round;
      var results = atOnce(() -> limiter.hit(key, LIMIT, WINDOW));
      assertThat(results.stream().filter(r -> r.isEmpty()).count()).isEqualTo(LIMIT);
      assertThat(results.stream().filter(r -> r.isPresent()))
          .allSatisfy(r -> assertThat(r.orElseThrow()).isPositive().isLessThanOrEqualTo(WINDOW));
      assertThat(stored()).isEqualTo(LIMIT);
    }
  }

  @Test
  void countWhenManyOpenTheWindowAtOnceThenEveryHitCounted() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      key = key + "-" + round;
      atOnce(
          () -> {
            limiter.count(key, WINDOW);
            return true;
          });
      assertThat(stored()).isEqualTo(AT_ONCE);
    }
  }

  @Test
  void takeWhenManyAtOnceThenExactlyTheLimitTakenAndAGivenBackSlotTakenAgain() throws Exception {
    var slots = atOnce(() -> limiter.take(key, LIMIT, WINDOW));
    assertThat(slots.stream().filter(s -> s.isPresent()).count()).isEqualTo(LIMIT);
    limiter.giveBack(slots.stream().filter(s -> s.isPresent()).findFirst().orElseThrow().get());
    assertThat(limiter.take(key, LIMIT, WINDOW)).isPresent();
    assertThat(limiter.take(key, LIMIT, WINDOW)).isEmpty();
  }

  @Test
  void countWhenManyAtOnceThenEveryHitCounted() throws Exception {
    atOnce(
        () -> {
          limiter.count(key, WINDOW);
          return true;
        });
    assertThat(stored()).isEqualTo(AT_ONCE);
    assertThat(limiter.full(key, AT_ONCE, WINDOW)).isTrue();
    assertThat(limiter.full(key, AT_ONCE + 1, WINDOW)).isFalse();
  }

  @Test
  void hitWhenTheNextWindowOpensThenCountedAfresh() {
    for (int i = 0; i < LIMIT; i++) {
      assertThat(limiter.hit(key, LIMIT, WINDOW)).isEmpty();
    }
    assertThat(limiter.hit(key, LIMIT, WINDOW)).isPresent();
    clock.advance(WINDOW);
    assertThat(limiter.hit(key, LIMIT, WINDOW)).isEmpty();
  }

  @Test
  void sessionWhenTwoRequestsAddTheSameAttributeThenBothSaved() {
    // Two requests of one session, each with its own copy, both adding what the other adds.
    @SuppressWarnings("unchecked")
    SessionRepository<Session> repo = (SessionRepository<Session>) (SessionRepository<?>) sessions;
    Session created = repo.createSession();
    repo.save(created);
    Session one = repo.findById(created.getId());
    Session two = repo.findById(created.getId());
    one.setAttribute("org.example.token", "first");
    two.setAttribute("org.example.token", "second");
    repo.save(one);
    repo.save(two);
    assertThat((String) repo.findById(created.getId()).getAttribute("org.example.token"))
        .isEqualTo("second");
    sessions.deleteById(created.getId());
  }
}
