package dev.provenance.oci;

import dev.provenance.dsse.Envelope;

/**
 * A signed statement ready to attach: the envelope and its predicate type, which goes into the annotations.
 *
 * @param predicateType the statement's predicate type URI
 * @param envelope the DSSE envelope around the statement
 * @param publicKeyHint the signing key's hint for the Sigstore bundle
 */
public record SignedAttestation(String predicateType, Envelope envelope, String publicKeyHint) {}
