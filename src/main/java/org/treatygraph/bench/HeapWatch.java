package org.treatygraph.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The peak of the heap's used memory between {@link #start} and {@link #peakMB} (the sum of the heap
 * pools' peaks, garbage included: an upper bound of the live peak).
 */
final class HeapWatch {
    private final List<MemoryPoolMXBean> pools;

    private HeapWatch(List<MemoryPoolMXBean> pools) {
        this.pools = pools;
    }

    static HeapWatch start() {
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(m -> m.getType() == MemoryType.HEAP).toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        return new HeapWatch(pools);
    }

    /** Peak used heap in MB since {@link #start}. */
    double peakMB() {
        return pools.stream().mapToLong(m -> m.getPeakUsage().getUsed()).sum() / (1024.0 * 1024);
    }
}
