#!/usr/bin/env bash
# Makes a throwaway certificate authority and certificates for a local test federation (loopback only).
#
#   scripts/make-test-ca.sh OUT_DIR [NAME ...]        (default names: server coordinator)
#
# Writes, in OUT_DIR:
#   password           the password of every store below (random, mode 600)
#   ca.p12, ca.pem     the CA's key (keep it there) and its certificate
#   truststore.p12     the CA certificate alone: what servers and coordinators trust
#   NAME.p12           for each NAME: a key and a certificate signed by the CA, for 127.0.0.1 and localhost, usable
#                      as TLS server and client certificate (so the same file serves HTTPS, mutual TLS and the
#                      clustered event bus)
# Certificates are valid for 30 days. Uses only keytool from the JDK. Not for production: a real federation gets
# its certificates from the participants' own PKI.
set -euo pipefail
if (($# < 1)); then
  echo "usage: $0 OUT_DIR [NAME ...]" >&2
  exit 2
fi
out=$1
shift
names=("$@")
((${#names[@]} > 0)) || names=(server coordinator)

keytool=keytool
if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/keytool ]]; then
  keytool=$JAVA_HOME/bin/keytool
elif ! command -v keytool >/dev/null; then
  java_bin=$(readlink -f "$(command -v java)")
  keytool=$(dirname "$java_bin")/keytool
fi

mkdir -p "$out"
umask 077
pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$pw" >"$out/password"
rm -f "$out"/*.p12 "$out"/*.pem "$out"/*.csr

# one keytool call; quick-start JVM flags; its chatter is shown only when it fails
kt() {
  local log
  if ! log=$("$keytool" -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC "$@" -storepass "$pw" -storetype PKCS12 2>&1); then
    printf 'keytool %s failed:\n%s\n' "$1" "$log" >&2
    exit 1
  fi
}

kt -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=openlgd test CA $(date +%s)" \
  -ext bc:c -ext KeyUsage=keyCertSign,cRLSign -validity 30 -keystore "$out/ca.p12"
kt -exportcert -rfc -alias ca -keystore "$out/ca.p12" -file "$out/ca.pem"
kt -importcert -noprompt -alias ca -file "$out/ca.pem" -keystore "$out/truststore.p12"

for name in "${names[@]}"; do
  kt -genkeypair -alias "$name" -keyalg EC -groupname secp256r1 -dname "CN=$name" -validity 30 -keystore "$out/$name.p12"
  kt -certreq -alias "$name" -keystore "$out/$name.p12" -file "$out/$name.csr"
  kt -gencert -alias ca -keystore "$out/ca.p12" -infile "$out/$name.csr" -outfile "$out/$name.pem" -rfc -validity 30 \
    -ext SAN=ip:127.0.0.1,dns:localhost -ext KeyUsage=digitalSignature -ext ExtendedKeyUsage=serverAuth,clientAuth
  kt -importcert -noprompt -alias ca -file "$out/ca.pem" -keystore "$out/$name.p12"
  kt -importcert -alias "$name" -file "$out/$name.pem" -keystore "$out/$name.p12"
  rm -f "$out/$name.csr"
done
chmod 600 "$out"/*
echo "made a CA and certificates for: ${names[*]} in $out (store password in $out/password)" >&2
