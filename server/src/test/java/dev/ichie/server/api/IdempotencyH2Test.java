package dev.ichie.server.api;

import dev.ichie.server.support.ServerTest;

/** Retries with an Idempotency-Key on the embedded H2 database. */
@ServerTest
class IdempotencyH2Test extends IdempotencyContract {

  @Override
  boolean postgres() {
    return false;
  }
}
