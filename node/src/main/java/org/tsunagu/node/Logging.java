package org.tsunagu.node;

import java.util.logging.LogManager;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Quiet by default: warnings and errors only, Jersey's and Grizzly's java.util.logging included. */
final class Logging {
    private Logging() {}

    static void quiet() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        // Jersey warns about every resource registered as an instance (its issue 3700); they work.
        setIfAbsent("org.slf4j.simpleLogger.log.org.glassfish.jersey.internal.inject.Providers", "error");
        LogManager.getLogManager().reset();
        SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
