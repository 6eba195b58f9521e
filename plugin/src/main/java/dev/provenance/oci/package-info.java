/**
 * OCI storage of attestations: digests, descriptors and manifests (OCI image spec v1.1), an image layout directory, a
 * distribution API client, and the two attachment formats that cosign, Kyverno and policy-controller read: cosign's
 * {@code sha256-<hex>.att} tag and Sigstore bundles as OCI 1.1 referrers.
 */
package dev.provenance.oci;
