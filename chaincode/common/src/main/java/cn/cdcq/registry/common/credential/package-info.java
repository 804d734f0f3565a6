/**
 * Portable credentials (issue 12; docs/credentials.md): a skill certificate as a W3C Verifiable
 * Credential 2.0 with an {@code ecdsa-jcs-2019} Data Integrity proof by its region, Bitstring
 * Status Lists for revocation and suspension, the issuer's controller document with its
 * attestation keys as {@code Multikey} verification methods, and the offline verifier that checks
 * all of it without a network and reports the same step list as online verification.
 *
 * <p>Everything here is framework-free and offline: the regional service (client/) feeds it
 * ledger data and signs with the region's attestation key; a verifier anywhere needs only this
 * library, the credential, the issuer's controller document and the status lists.
 */
package cn.cdcq.registry.common.credential;
