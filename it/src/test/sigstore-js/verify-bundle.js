'use strict';
// Verifies one Sigstore bundle with one PEM public key and no transparency log, using the Sigstore JavaScript
// libraries. SigstoreBundleIT runs it on the bundles that attest pushed.
//
// Usage: node verify-bundle.js BUNDLE_JSON PUBLIC_KEY_PEM [--tlog-threshold N]
//
// Prints one JSON object. Exits 0 when the bundle verifies, 1 when a check rejects it and 2 on a usage or input
// error. Each check reports its own "code":
// - SCHEMA_ERROR: the protobuf JSON codec of @sigstore/protobuf-specs drops or changes a field of the bundle. Then
//   the bundle has a field that sigstore_bundle.proto does not define, or a value of the wrong JSON type.
// - BUNDLE_ERROR: bundleFromJSON of @sigstore/bundle rejects it as a v0.3 bundle.
// - The code of the @sigstore/verify VerificationError, such as SIGNATURE_ERROR or TIMESTAMP_ERROR, when the
//   Verifier rejects it.
const crypto = require('crypto');
const fs = require('fs');
const util = require('util');
const { Bundle } = require('@sigstore/protobuf-specs');
const { bundleFromJSON } = require('@sigstore/bundle');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');

function main(argv) {
  const args = argv.slice(2);
  let tlogThreshold = 0;
  const thresholdAt = args.indexOf('--tlog-threshold');
  if (thresholdAt >= 0) {
    tlogThreshold = Number.parseInt(args[thresholdAt + 1], 10);
    args.splice(thresholdAt, 2);
  }
  if (args.length !== 2 || !Number.isInteger(tlogThreshold) || tlogThreshold < 0) {
    return finish(2, {
      code: 'USAGE',
      message: 'usage: node verify-bundle.js BUNDLE_JSON PUBLIC_KEY_PEM [--tlog-threshold N]',
    });
  }
  const [bundleFile, keyFile] = args;

  let json;
  let publicKey;
  try {
    json = JSON.parse(fs.readFileSync(bundleFile, 'utf8'));
    publicKey = crypto.createPublicKey(fs.readFileSync(keyFile, 'utf8'));
  } catch (e) {
    return finish(2, { code: 'INPUT_ERROR', message: e.message });
  }

  // The generated codec keeps only the fields that the proto defines, in their protobuf JSON form. So a bundle that
  // changes on decoding and encoding again has a field or value that the schema does not accept.
  const roundTrip = Bundle.toJSON(Bundle.fromJSON(json));
  if (!util.isDeepStrictEqual(roundTrip, json)) {
    return finish(1, {
      code: 'SCHEMA_ERROR',
      message: 'the bundle does not survive the sigstore_bundle.proto JSON codec unchanged',
      expected: json,
      actual: roundTrip,
    });
  }

  let bundle;
  try {
    bundle = bundleFromJSON(json);
  } catch (e) {
    return finish(1, { code: 'BUNDLE_ERROR', message: e.message, fields: e.fields });
  }

  // The key is trusted whatever hint the bundle contains, as with cosign's --key, because the hint is unauthenticated.
  // The output reports the hint so that the caller can compare it.
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const keyHint = crypto.createHash('sha256').update(spki).digest('base64');
  const trustedRoot = { certificateAuthorities: [], timestampAuthorities: [], tlogs: [], ctlogs: [] };
  const trust = toTrustMaterial(trustedRoot, () => ({ publicKey, validFor: () => true }));
  const verifier = new Verifier(trust, { tlogThreshold, ctlogThreshold: 0, tsaThreshold: 0 });
  try {
    verifier.verify(toSignedEntity(bundle));
  } catch (e) {
    return finish(1, { code: e.code || e.name, message: e.message });
  }

  const envelope = bundle.content.dsseEnvelope;
  const statement = JSON.parse(envelope.payload.toString('utf8'));
  return finish(0, {
    code: 'VERIFIED',
    payloadType: envelope.payloadType,
    predicateType: statement.predicateType,
    subjectDigests: statement.subject.map((s) => s.digest.sha256),
    hint: bundle.verificationMaterial.content.publicKey.hint,
    keyHint,
  });
}

function finish(exitCode, result) {
  process.stdout.write(JSON.stringify(result) + '\n');
  return exitCode;
}

process.exitCode = main(process.argv);
