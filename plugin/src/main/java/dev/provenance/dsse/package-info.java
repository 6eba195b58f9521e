/**
 * Dead Simple Signing Envelope (DSSE) v1.0: the pre-authentication encoding that is signed and the JSON envelope that
 * carries a payload with its signatures. Specification: https://github.com/secure-systems-lab/dsse/blob/v1.0.2/protocol.md
 */
package dev.provenance.dsse;
