package dev.provenance.sbom;

/** Names of the CycloneDX properties this plugin writes, in its own {@code provenance:} namespace. */
public final class SbomProperties {

    /** On a component: the Maven scope it was resolved with. */
    public static final String MAVEN_SCOPE = "provenance:maven:scope";

    /** On a {@code system}-scope component: its declared path. */
    public static final String SYSTEM_PATH = "provenance:maven:systemPath";

    /** On a component: {@code false} when its file did not come from a repository. */
    public static final String FROM_REPOSITORY = "provenance:maven:fromRepository";

    /** On a relocated component: the {@code groupId:artifactId:version} that the project asked for. */
    public static final String RELOCATED_FROM = "provenance:maven:relocatedFrom";

    /** On a component: {@code true} when it is a module of the same build. */
    public static final String REACTOR_MODULE = "provenance:maven:reactorModule";

    /** In the metadata: the version of Maven that ran the build. */
    public static final String MAVEN_VERSION = "provenance:maven:version";

    /** In the metadata: the commit the build was made from. */
    public static final String GIT_COMMIT = "provenance:git:commit";

    /** In the metadata: the URL of the git remote, without user information. */
    public static final String GIT_REMOTE = "provenance:git:remote";

    private SbomProperties() {}
}
