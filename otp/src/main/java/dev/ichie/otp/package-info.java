/**
 * One-time passwords for Ichie: HOTP (RFC 4226), TOTP (RFC 6238), OCRA (RFC 6287), Base32 (RFC 4648
 * §6) and the {@code otpauth://} Key URI of Google Authenticator.
 *
 * <p>The package has no dependencies beyond the JDK. It never reads a clock: every time is an
 * {@link java.time.Instant} passed in by the caller. Secret key material is held by {@link
 * dev.ichie.otp.Secret}, whose raw bytes can only be read with a {@link dev.ichie.otp.SecretAccess}
 * token, so every such read shows up in a search for {@code SecretAccess}.
 *
 * <p>All public types are immutable and safe to share between threads.
 */
package dev.ichie.otp;
