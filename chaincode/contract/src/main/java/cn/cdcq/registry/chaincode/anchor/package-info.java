/**
 * Checkpoints signed by both regions and the state of their public anchors (issue 13): on the
 * region registry and support only; no feature imports it.
 */
package cn.cdcq.registry.chaincode.anchor;
