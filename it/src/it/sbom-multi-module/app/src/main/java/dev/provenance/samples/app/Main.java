package dev.provenance.samples.app;

import dev.provenance.samples.core.Greeting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a greeting built by the core module. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) {
        LOG.info(Greeting.of(args.length > 0 ? args[0] : "world"));
    }
}
