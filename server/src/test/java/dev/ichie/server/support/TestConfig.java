package dev.ichie.server.support;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The test clock, starting at a fixed instant: 2026-11-26 12:00 in Tokyo. */
@TestConfiguration(proxyBeanMethods = false)
public class TestConfig {

  public static final Instant START = Instant.parse("2026-11-26T03:00:00Z");

  @Bean
  @Primary
  TestClock testClock() {
    return new TestClock(START);
  }
}
