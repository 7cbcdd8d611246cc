package dev.ichie.otp;

/** Placeholder. */
final class Placeholder {
  private Placeholder() {}
}
