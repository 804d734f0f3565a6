/**
 * Skill certificates as both sides of the ledger see them: accreditations of training centers,
 * the claims a region attests for each certificate, certificate batches, mutual recognition rules
 * and case decisions, training subsidy claims and verification reports.
 *
 * <p>{@link cn.cdcq.registry.common.certificate.CertificateAttestation} is the one place where the
 * bytes a region signs are built and checked, so the regional service signs exactly what the
 * chaincode verifies.
 */
package cn.cdcq.registry.common.certificate;
