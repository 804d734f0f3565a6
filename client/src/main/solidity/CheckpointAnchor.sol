// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// Public anchors of the Chengdu-Chongqing registry's checkpoints (docs/anchoring.md). A
/// checkpoint's hash is the SHA-256 of the statement both regions signed on the Fabric ledger;
/// its root is the Merkle root over the writes it covers. An anchor is written once and never
/// changed: the same checkpoint cannot be anchored twice, and a publisher cannot give one number
/// two checkpoints. Costs the same whatever the number of records behind the root.
contract CheckpointAnchor {
    struct Entry {
        bytes32 root;
        uint64 number;
        uint64 blockNumber;
    }

    mapping(bytes32 => Entry) private entries;

    /// The checkpoint hash a publisher anchored under a number.
    mapping(address => mapping(uint64 => bytes32)) public checkpointByNumber;

    event Anchored(uint64 indexed number, bytes32 indexed checkpointHash, bytes32 root, address indexed publisher);

    function anchor(uint64 number, bytes32 root, bytes32 checkpointHash) external {
        require(root != bytes32(0) && checkpointHash != bytes32(0), "empty root or checkpoint hash");
        require(entries[checkpointHash].blockNumber == 0, "checkpoint already anchored");
        require(checkpointByNumber[msg.sender][number] == bytes32(0), "number already anchored by this publisher");
        entries[checkpointHash] = Entry(root, number, uint64(block.number));
        checkpointByNumber[msg.sender][number] = checkpointHash;
        emit Anchored(number, checkpointHash, root, msg.sender);
    }

    /// The anchor of a checkpoint: zero block number if it was never anchored.
    function anchorOf(bytes32 checkpointHash) external view returns (uint64 number, bytes32 root, uint64 blockNumber) {
        Entry storage e = entries[checkpointHash];
        return (e.number, e.root, e.blockNumber);
    }
}
