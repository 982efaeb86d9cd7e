package org.treatygraph.cli;

/** slf4j-simple settings for the command line: INFO (env TREATYGRAPH_LOG_LEVEL), time stamps, short names. */
final class Logging {
    private Logging() {}

    /** Call before the first logger is made; explicit -D settings win. */
    static void configure() {
        String level = System.getenv().getOrDefault("TREATYGRAPH_LOG_LEVEL", "info");
        set("org.slf4j.simpleLogger.defaultLogLevel", level);
        set("org.slf4j.simpleLogger.showDateTime", "true");
        set("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        set("org.slf4j.simpleLogger.showThreadName", "false");
        set("org.slf4j.simpleLogger.showShortLogName", "true");
        set("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }

    private static void set(String key, String value) {
        if (System.getProperty(key) == null)
            System.setProperty(key, value);
    }
}
