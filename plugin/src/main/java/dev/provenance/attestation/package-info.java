/**
 * in-toto attestations about a built image: the Statement v1 layout, the SLSA Provenance v1, CycloneDX and SLSA
 * verification summary predicates, the readers of the build's gate reports, and the checks a deployment gate runs on
 * verified statements.
 */
package dev.provenance.attestation;
