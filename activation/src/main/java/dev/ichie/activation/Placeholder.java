package dev.ichie.activation;

/** Placeholder. */
final class Placeholder {
  private Placeholder() {}
}
