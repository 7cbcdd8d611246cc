package dev.ichie.bench;

/** Placeholder. */
final class Placeholder {
  private Placeholder() {}
}
