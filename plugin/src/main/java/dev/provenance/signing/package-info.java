/**
 * Signing keys: reading PKCS#8 and cosign private key files, public keys and their fingerprints, and the validity
 * window a key is allowed to sign in.
 */
package dev.provenance.signing;
