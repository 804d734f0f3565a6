#!/bin/sh
# Entry point of the chaincode image: the Java shim reads CORE_TLS_CLIENT_KEY_PATH and
# CORE_TLS_CLIENT_CERT_PATH as base64 of the PEM files (scripts/lib/chaincode.sh explains why),
# so their base64 copies are made from the PEM files before java starts, as the native unit's
# ExecStartPre does.
set -eu
: "${CORE_TLS_CLIENT_KEY_FILE:?set CORE_TLS_CLIENT_KEY_FILE (the server TLS key, PEM)}"
: "${CORE_TLS_CLIENT_CERT_FILE:?set CORE_TLS_CLIENT_CERT_FILE (the server TLS certificate, PEM)}"
: "${CORE_TLS_CLIENT_KEY_PATH:?set CORE_TLS_CLIENT_KEY_PATH (where its base64 copy goes)}"
: "${CORE_TLS_CLIENT_CERT_PATH:?set CORE_TLS_CLIENT_CERT_PATH (where its base64 copy goes)}"
: "${CORE_CHAINCODE_ID_NAME:?set CORE_CHAINCODE_ID_NAME to the installed package id (package.env)}"
umask 077
base64 -w0 "$CORE_TLS_CLIENT_KEY_FILE" > "$CORE_TLS_CLIENT_KEY_PATH"
base64 -w0 "$CORE_TLS_CLIENT_CERT_FILE" > "$CORE_TLS_CLIENT_CERT_PATH"
exec java "$@"
