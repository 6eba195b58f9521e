package dev.provenance.samples.app;

import dev.provenance.samples.core.Counter;
import dev.provenance.samples.core.CounterFixtures;

/** Compiles against core's tests jar, so the build fails if the reactor does not resolve it. */
final class FixtureUse {

    private FixtureUse() {}

    static Counter three() {
        return CounterFixtures.advancedTo(3);
    }
}
