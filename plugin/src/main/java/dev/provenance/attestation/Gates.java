package dev.provenance.attestation;

import java.util.Optional;

/** The build gates this plugin attests, each with its verifier URI and the goal that writes its report. */
public enum Gates {
    DEPENDENCIES("dependencies", "check-dependencies"),
    COMMITS("commits", "check-commits");

    private static final String BASE = "https://github.com/provenance-maven-plugin/provenance-maven-plugin/gates/";

    private final String gateName;
    private final String goal;

    Gates(String gateName, String goal) {
        this.gateName = gateName;
        this.goal = goal;
    }

    /** Returns the short name used in configuration and in the {@code provenance_gate} predicate field. */
    public String gateName() {
        return gateName;
    }

    /** Returns the goal that writes this gate's report. */
    public String goal() {
        return goal;
    }

    /** Returns the {@code verifier.id} of this gate's verification summary. */
    public String verifierId() {
        return BASE + goal + "/v1";
    }

    /** Returns the gate named {@code name}, case-insensitively. */
    public static Optional<Gates> named(String name) {
        for (Gates gate : values()) {
            if (gate.gateName.equalsIgnoreCase(name.trim())) {
                return Optional.of(gate);
            }
        }
        return Optional.empty();
    }
}
