/**
 * JMH benchmarks: TOTP generation and ±1-step verification, ours against java-otp, googleauth and a
 * bare {@code javax.crypto.Mac} loop, and the cost of one token activation. Run them with {@code
 * bench/run-jmh.sh}; results and method are in {@code docs/benchmarks.md}.
 */
package dev.ichie.bench;
