/**
 * The credit profile: an enterprise's credit record and its open cross-region cases in one
 * answer. It is above {@code credit} and {@code cases}, which do not know each other's records.
 */
package cn.cdcq.registry.common.profile;
