/// One node of a fitted tree. Leaves have `feature == -1`.
public struct TreeNode: Sendable, Codable, Equatable {
    /// Feature index of the split, or -1 for a leaf.
    public var feature: Int
    /// Rows with `value <= threshold` go left.
    public var threshold: Double
    /// The bin of the split (rows with bin ≤ this go left), for binned prediction.
    public var bin: UInt8
    /// Where missing values go.
    public var missingGoesLeft: Bool
    public var left: Int
    public var right: Int
    /// The leaf's contribution to the raw prediction (learning rate applied).
    public var value: Double
}

/// A fitted regression tree of gradient boosting.
public struct RegressionTree: Sendable, Codable, Equatable {
    public var nodes: [TreeNode]

    /// The leaf value for one row of raw features.
    @inline(__always)
    public func predict(_ row: UnsafePointer<Double>) -> Double {
        var i = 0
        while i >= 0, i < nodes.count {
            let node = nodes[i]
            if node.feature < 0 { return node.value }
            let v = row[node.feature]
            let goLeft = v.isNaN ? node.missingGoesLeft : v <= node.threshold
            i = goLeft ? node.left : node.right
        }
        return 0
    }

    /// The leaf value for row `r` of feature-major binned data with `n` rows.
    @inline(__always)
    func predictBinned(_ binned: UnsafePointer<UInt8>, row r: Int, rows n: Int) -> Double {
        var i = 0
        while i >= 0, i < nodes.count {
            let node = nodes[i]
            if node.feature < 0 { return node.value }
            let b = binned[node.feature * n + r]
            let goLeft = b == BinMapper.missingBin ? node.missingGoesLeft : b <= node.bin
            i = goLeft ? node.left : node.right
        }
        return 0
    }
}
