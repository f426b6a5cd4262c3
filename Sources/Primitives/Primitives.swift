// Primitives owns the small building blocks several modules share and that must behave the same
// everywhere: the seeded SplitMix64 generator behind every repeatable draw (exam forms, drills,
// data splits, sweeps) and SHA-256 digests (through swift-crypto) for content addressing,
// lineage and step reuse.
