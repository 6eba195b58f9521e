# Writes cosign.key, an ECDSA P-256 key in cosign's encrypted format, from pkcs8.pem, with PyNaCl and hashlib.scrypt:
# an implementation independent of the plugin's. Password: cosign-password. Run: /usr/bin/python3 make-cosign-key.py (Debian python3-nacl)
import base64, hashlib, json, os, subprocess
import nacl.secret

der = subprocess.run(["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "pkcs8.pem", "-outform", "DER"],
                     check=True, capture_output=True).stdout
salt, nonce = os.urandom(32), os.urandom(24)
key = hashlib.scrypt(b"cosign-password", salt=salt, n=65536, r=8, p=1, maxmem=128 * 1024 * 1024, dklen=32)
sealed = nacl.secret.SecretBox(key).encrypt(der, nonce).ciphertext
body = json.dumps({
    "kdf": {"name": "scrypt", "params": {"N": 65536, "r": 8, "p": 1}, "salt": base64.b64encode(salt).decode()},
    "cipher": {"name": "nacl/secretbox", "nonce": base64.b64encode(nonce).decode()},
    "ciphertext": base64.b64encode(sealed).decode(),
}, separators=(",", ":")).encode()
b64 = base64.b64encode(body).decode()
lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
with open("cosign.key", "w") as out:
    out.write("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n" + "\n".join(lines)
              + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n")
