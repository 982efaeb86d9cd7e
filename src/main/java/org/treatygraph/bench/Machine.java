package org.treatygraph.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a benchmark runs on, as its reports describe it. */
final class Machine {
    private Machine() {}

    /** Cores, processor model, the JVM's heap limit, Java version and the load average now. */
    static String describe() {
        String cpu = "";
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info))
                cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name"))
                           .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
        } catch (IOException e) {
            cpu = "";
        }
        return Runtime.getRuntime().availableProcessors() + " cores" + (cpu.isEmpty() ? "" : " (" + cpu + ")")
               + ", JVM -Xmx " + (Runtime.getRuntime().maxMemory() >> 20) + " MB, Java " + System.getProperty("java.version")
               + String.format(Locale.ROOT, ", load average %.1f at the start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The 1, 5 and 15 minute load averages ("unknown" where /proc/loadavg is not readable). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
