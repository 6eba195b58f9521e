package dev.provenance.samples.core;

import org.apache.commons.lang3.StringUtils;

/** Builds the greeting that the app module prints. */
public final class Greeting {

    private Greeting() {}

    public static String of(String name) {
        return "Hello, " + StringUtils.capitalize(name);
    }
}
