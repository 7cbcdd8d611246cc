package dev.ichie.token.gui;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A device clock that tests set and move. Thread-safe. */
final class TestClock extends Clock {

  private final ZoneId zone;
  private volatile Instant now;

  TestClock(Instant now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new TestClock(now, newZone);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
