package dev.ichie.bench.load;

/**
 * Latencies of one thread: exact to the microsecond up to 100 ms, to the millisecond up to 60 s,
 * then one overflow bucket; the exact maximum is kept. Not thread-safe: one per worker, merged
 * after the run.
 */
final class Histogram {

  private static final int FINE = 100_000; // 1 µs buckets: 0 … 99.999 ms
  private static final int COARSE = 60_000; // 1 ms buckets: 100 ms … 60 s

  private final long[] fine = new long[FINE];
  private final long[] coarse = new long[COARSE];
  private long overflow;
  private long count;
  private long maxNanos;
  private long sumNanos;

  void record(long nanos) {
    long micros = nanos / 1000;
    if (micros < FINE) {
      fine[(int) micros]++;
    } else if (micros / 1000 < COARSE) {
      coarse[(int) (micros / 1000)]++;
    } else {
      overflow++;
    }
    count++;
    sumNanos += nanos;
    maxNanos = Math.max(maxNanos, nanos);
  }

  void add(Histogram other) {
    for (int i = 0; i < FINE; i++) {
      fine[i] += other.fine[i];
    }
    for (int i = 0; i < COARSE; i++) {
      coarse[i] += other.coarse[i];
    }
    overflow += other.overflow;
    count += other.count;
    sumNanos += other.sumNanos;
    maxNanos = Math.max(maxNanos, other.maxNanos);
  }

  long count() {
    return count;
  }

  /** The mean, in milliseconds. */
  double meanMillis() {
    return count == 0 ? 0 : sumNanos / 1e6 / count;
  }

  /** The maximum, in milliseconds. */
  double maxMillis() {
    return maxNanos / 1e6;
  }

  /**
   * The smallest latency that at least {@code fraction} of the samples do not exceed, in
   * milliseconds (the upper edge of its bucket).
   */
  double percentileMillis(double fraction) {
    if (count == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(fraction * count);
    long seen = 0;
    for (int i = 0; i < FINE; i++) {
      seen += fine[i];
      if (seen >= rank) {
        return (i + 1) / 1000.0;
      }
    }
    for (int i = FINE / 1000; i < COARSE; i++) {
      seen += coarse[i];
      if (seen >= rank) {
        return i + 1;
      }
    }
    return maxMillis();
  }
}
