package org.treatygraph.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating system's scheduling priority of one request thread: a heavy query runs niced, so
 * that on a busy machine the processor goes first to cheap queries and to {@code /$/ping} (Java's
 * own thread priorities do nothing on Linux without a JVM flag). Linux only: the thread's id is
 * read from {@code /proc/thread-self}, and util-linux {@code renice} sets the niceness of that one
 * thread. Used only where a thread can also be given its normal priority back afterwards (root or
 * {@code CAP_SYS_NICE}, or a {@code RLIMIT_NICE} that allows it) — found out once, by trying it on
 * a scratch thread; elsewhere nothing is changed.
 */
final class OsPriority {
    private static final Logger LOG = LoggerFactory.getLogger(OsPriority.class);
    /** The niceness of a thread that serves a heavy request. */
    static final int HEAVY_NICE = 19;
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static volatile Boolean usable;

    private OsPriority() {}

    /** Whether threads can be niced and brought back (tried once, on a scratch thread). */
    static boolean usable() {
        Boolean u = usable;
        if (u == null) {
            synchronized (OsPriority.class) {
                if (usable == null)
                    usable = probe();
                u = usable;
            }
        }
        return u;
    }

    /**
     * Whether threads are known to be niceable now, without waiting: false until {@link #usable()}
     * has been answered (FairUse asks it on its watch thread, off the server's start-up).
     */
    static boolean ready() {
        return Boolean.TRUE.equals(usable);
    }

    /**
     * The operating system's id of the calling thread, or -1 where it is not known: read once per
     * thread (a request thread of the server's pool serves many requests; FairUse asks at each).
     */
    static long currentTid() {
        return TID.get();
    }

    private static final ThreadLocal<Long> TID = ThreadLocal.withInitial(OsPriority::readTid);

    private static long readTid() {
        try {
            String self = Files.readSymbolicLink(THREAD_SELF).toString();
            return Long.parseLong(self.substring(self.lastIndexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Set the niceness of thread {@code tid} of this process; true when it now has it. */
    static boolean nice(long tid, int niceness) {
        if (tid <= 0)
            return false;
        try {
            Process p = new ProcessBuilder("renice", "-n", Integer.toString(niceness), "-p", Long.toString(tid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0 && niceness(tid) == niceness;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The niceness of thread {@code tid} of this process (field 19 of its stat line), or Integer.MIN_VALUE. */
    static int niceness(long tid) {
        try {
            String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(f[16]);
        } catch (IOException | RuntimeException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static boolean probe() {
        boolean[] ok = new boolean[1];
        Thread t = new Thread(() -> {
            long tid = currentTid();
            ok[0] = tid > 0 && niceness(tid) == 0 && nice(tid, 1) && nice(tid, 0);
        }, "os-priority-probe");
        t.setDaemon(true);
        t.start();
        try {
            t.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ok[0])
            LOG.info("Heavy queries run niced ({}): cheap queries and /$/ping go first on a busy machine", HEAVY_NICE);
        else
            LOG.info("Heavy queries run at the normal priority (this system does not let a thread be niced and brought back)");
        return ok[0];
    }
}
