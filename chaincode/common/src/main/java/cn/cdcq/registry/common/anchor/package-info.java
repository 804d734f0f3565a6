/**
 * Checkpoints of the ledger and their public anchors (issue 13): what a checkpoint commits to
 * ({@link cn.cdcq.registry.common.anchor.CheckpointStatement}), the record on the ledger with both
 * regions' signatures and the anchor's state ({@link cn.cdcq.registry.common.anchor.Checkpoint}),
 * the leaf every committed write becomes ({@link cn.cdcq.registry.common.anchor.AnchorLeaf}), and the
 * contract's transaction and event names.
 */
package cn.cdcq.registry.common.anchor;
