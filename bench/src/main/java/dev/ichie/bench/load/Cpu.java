package dev.ichie.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time, read from Linux's /proc: of this process (the load generator), of another process (the
 * server), of a process and its children (PostgreSQL's postmaster and backends), and of the whole
 * machine. All in nanoseconds of CPU time; 1 s of CPU time per second of wall time is one core.
 */
final class Cpu {

  /** Clock ticks per second of /proc's counters (USER_HZ; 100 on every Linux build in use). */
  private static final long TICK_NANOS = 1_000_000_000L / Long.getLong("clk.tck", 100);

  private Cpu() {}

  /** This process's CPU time. */
  static long self() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** A process's CPU time (all its threads), or -1 if it cannot be read. */
  static long process(long pid) {
    if (pid <= 0) {
      return -1;
    }
    long[] stat = stat(Path.of("/proc", Long.toString(pid), "stat"));
    return stat == null ? -1 : stat[1] * TICK_NANOS;
  }

  /** The CPU time of a process and of its live children, or -1 if it cannot be read. */
  static long tree(long pid) {
    if (pid <= 0) {
      return -1;
    }
    long total = 0;
    boolean found = false;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : dirs) {
        long[] stat = stat(dir.resolve("stat"));
        if (stat == null) {
          continue;
        }
        long self = Long.parseLong(dir.getFileName().toString());
        if (self == pid || stat[0] == pid) {
          total += stat[1];
          found |= self == pid;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return found ? total * TICK_NANOS : -1;
  }

  /** The machine's busy CPU time (all but idle and iowait) and its total, over every core. */
  static long[] machine() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = first.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {(total - idle) * TICK_NANOS, total * TICK_NANOS};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }

  /** {parent pid, utime + stime in ticks} from a /proc/PID/stat file, or null. */
  private static long[] stat(Path file) {
    String s;
    try {
      s = Files.readString(file);
    } catch (IOException e) {
      return null;
    }
    // The command name is in parentheses and may hold spaces; the fields after it are fixed.
    String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
    // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])};
  }
}
