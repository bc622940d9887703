package dev.hotplex.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Heap figures for "bounded memory": used heap after a full GC, and the peak since the last reset. */
final class Heap {
  private static final long MB = 1024 * 1024;

  private Heap() {}

  /** Used heap in MB after asking for full collections until it stops shrinking (a few rounds at most). */
  static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      System.gc();
      Thread.sleep(100);
      long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (now >= used) {
        break;
      }
      used = now;
    }
    return used / MB;
  }

  /** Starts a new peak measurement. */
  static void resetPeak() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The heap's peak use in MB since {@link #resetPeak()}: the sum of the heap pools' peaks (an upper bound). */
  static long peak() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / MB;
  }
}
