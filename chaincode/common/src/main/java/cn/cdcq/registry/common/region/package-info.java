/**
 * Records of the region registry: which organization acts for which region, and each
 * region's attestation certificates over time. Shared by the chaincode and the client.
 */
package cn.cdcq.registry.common.region;
