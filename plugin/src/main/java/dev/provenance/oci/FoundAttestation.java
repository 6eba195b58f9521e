package dev.provenance.oci;

import java.util.Optional;

/**
 * An attestation found attached to an image, not yet verified.
 *
 * @param format how it was attached
 * @param location where it was found, for messages: the tag and layer, or the referrer manifest digest
 * @param annotatedPredicateType the predicate type from the annotations, which is unsigned
 * @param envelopeBytes the DSSE envelope JSON, or empty when it could not be read
 * @param problem the reason the attestation could not be read, when it could not
 */
public record FoundAttestation(
        AttestationFormat format,
        String location,
        String annotatedPredicateType,
        byte[] envelopeBytes,
        Optional<String> problem) {}
