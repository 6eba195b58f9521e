package dev.provenance.oci;

import java.util.Set;

/** Media types and annotation keys of the OCI image spec v1.1, Docker and cosign. */
public final class MediaTypes {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** The layer type of a DSSE envelope in cosign's {@code .att} manifest. */
    public static final String DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";

    /** The artifact and layer type of a Sigstore bundle v0.3. */
    public static final String SIGSTORE_BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /** Every manifest or index type a registry may return for an image reference. */
    public static final Set<String> IMAGE_TYPES =
            Set.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

    /** The manifest types of one image for one platform, as opposed to an index or manifest list. */
    public static final Set<String> PLATFORM_MANIFEST_TYPES = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);

    /** The Accept header value for manifest requests. */
    public static final String MANIFEST_ACCEPT =
            String.join(", ", OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

    public static final String ANNOTATION_COSIGN_SIGNATURE = "dev.cosignproject.cosign/signature";
    public static final String ANNOTATION_PREDICATE_TYPE = "predicateType";
    public static final String ANNOTATION_BUNDLE_CONTENT = "dev.sigstore.bundle.content";
    public static final String ANNOTATION_BUNDLE_PREDICATE_TYPE = "dev.sigstore.bundle.predicateType";
    public static final String ANNOTATION_CREATED = "org.opencontainers.image.created";
    public static final String ANNOTATION_REF_NAME = "org.opencontainers.image.ref.name";

    /** The empty JSON object {@code {}}, the config blob of artifact manifests. */
    public static final byte[] EMPTY_JSON = {'{', '}'};

    private MediaTypes() {}
}
