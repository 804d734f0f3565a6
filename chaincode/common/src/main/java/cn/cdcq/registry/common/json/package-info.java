/**
 * JSON in and out: one strictly configured Jackson mapper ({@link cn.cdcq.registry.common.json.Json})
 * and the RFC 8785 canonical form ({@link cn.cdcq.registry.common.json.CanonicalJson}) that every
 * hash and signature is computed over.
 */
package cn.cdcq.registry.common.json;
