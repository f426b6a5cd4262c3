/// Grows one regression tree on binned data, leaf-wise (always splitting the leaf with the largest gain)
/// with scikit-learn's rules: a split needs gain > 0, at least `minSamplesLeaf` rows and a hessian sum of
/// at least 1e-3 on each side; missing values are sent to whichever side gains more.
/// Pointers the histogram workers share; each worker writes only its feature's 256 bins.
private struct HistogramInput: @unchecked Sendable {
    let rows: UnsafePointer<Int32>
    let g: UnsafePointer<Double>
    let h: UnsafePointer<Double>
    let gOut: UnsafeMutablePointer<Double>
    let hOut: UnsafeMutablePointer<Double>
    let cOut: UnsafeMutablePointer<Int32>
}

private struct RootInput: @unchecked Sendable {
    let g: UnsafePointer<Double>
    let h: UnsafePointer<Double>
    let gOut: UnsafeMutablePointer<Double>
    let hOut: UnsafeMutablePointer<Double>
    let cOut: UnsafeMutablePointer<Int32>
}

struct TreeGrower {
    struct Settings {
        var maxLeafNodes: Int
        var minSamplesLeaf: Int
        var l2: Double
        var learningRate: Double
    }

    /// Gradient/hessian sums and counts per feature and bin (`[f * 256 + bin]`).
    struct Histogram {
        var g: [Double]
        var h: [Double]
        var c: [Int32]
        init(features: Int) {
            g = [Double](repeating: 0, count: features * 256)
            h = [Double](repeating: 0, count: features * 256)
            c = [Int32](repeating: 0, count: features * 256)
        }
    }

    struct Split {
        var gain: Double
        var feature: Int
        var bin: Int
        var missingGoesLeft: Bool
        var leftG: Double, leftH: Double, leftCount: Int
    }

    struct Leaf {
        var start: Int
        var end: Int
        var g: Double
        var h: Double
        var histogram: Histogram
        var split: Split?
        var nodeIndex: Int
    }

    let binned: SharedBuffer<UInt8>
    let rows: Int
    let features: Int
    let mapper: BinMapper
    let settings: Settings

    /// Grows a tree over the rows in `indices` (reordered in place); returns the tree and, per leaf,
    /// the range of `indices` it holds with its value.
    func grow(indices: inout [Int32], gradients: [Double], hessians: [Double]) -> (RegressionTree, [(Range<Int>, Double)]) {
        var nodes: [TreeNode] = []
        var rootG = 0.0, rootH = 0.0
        for i in indices { rootG += gradients[Int(i)]; rootH += hessians[Int(i)] }
        nodes.append(TreeNode(feature: -1, threshold: 0, bin: 0, missingGoesLeft: false, left: -1, right: -1, value: 0))
        let rootHistogram = buildRoot(gradients: gradients, hessians: hessians)
        var root = Leaf(start: 0, end: indices.count, g: rootG, h: rootH, histogram: rootHistogram, split: nil, nodeIndex: 0)
        root.split = bestSplit(root)
        var open: [Leaf] = [root]
        var finished: [Leaf] = []
        var scratch = [Int32](repeating: 0, count: indices.count)
        while !open.isEmpty && open.count + finished.count < settings.maxLeafNodes {
            // The splittable leaf with the largest gain (first on ties).
            var best = -1
            for (i, leaf) in open.enumerated() {
                guard let split = leaf.split else { continue }
                if best < 0 || split.gain > (open[best].split?.gain ?? 0) { best = i }
            }
            if best < 0 { break }
            let leaf = open.remove(at: best)
            guard let split = leaf.split else { continue }
            let mid = partition(&indices, scratch: &scratch, leaf: leaf, split: split)
            let thresholds = mapper.thresholds[split.feature]
            let threshold = split.bin < thresholds.count ? thresholds[split.bin] : Double.greatestFiniteMagnitude
            let leftIndex = nodes.count, rightIndex = nodes.count + 1
            nodes[leaf.nodeIndex] = TreeNode(feature: split.feature, threshold: threshold, bin: UInt8(split.bin),
                                             missingGoesLeft: split.missingGoesLeft, left: leftIndex, right: rightIndex, value: 0)
            nodes.append(TreeNode(feature: -1, threshold: 0, bin: 0, missingGoesLeft: false, left: -1, right: -1, value: 0))
            nodes.append(TreeNode(feature: -1, threshold: 0, bin: 0, missingGoesLeft: false, left: -1, right: -1, value: 0))
            let leftCount = mid - leaf.start, rightCount = leaf.end - mid
            let leftSmaller = leftCount <= rightCount
            let smallRange = leftSmaller ? leaf.start..<mid : mid..<leaf.end
            let small = build(indices: indices, range: smallRange, gradients: gradients, hessians: hessians)
            let large = subtract(leaf.histogram, small)
            var left = Leaf(start: leaf.start, end: mid, g: split.leftG, h: split.leftH,
                            histogram: leftSmaller ? small : large, split: nil, nodeIndex: leftIndex)
            var right = Leaf(start: mid, end: leaf.end, g: leaf.g - split.leftG, h: leaf.h - split.leftH,
                             histogram: leftSmaller ? large : small, split: nil, nodeIndex: rightIndex)
            let canGrow = open.count + finished.count + 2 < settings.maxLeafNodes
            if canGrow {
                left.split = bestSplit(left)
                right.split = bestSplit(right)
            }
            for child in [left, right] {
                if child.split == nil { finished.append(child) } else { open.append(child) }
            }
        }
        var leaves: [(Range<Int>, Double)] = []
        for leaf in finished + open {
            let value = -settings.learningRate * leaf.g / (leaf.h + settings.l2)
            let safeValue = value.isFinite ? value : 0
            nodes[leaf.nodeIndex].value = safeValue
            leaves.append((leaf.start..<leaf.end, safeValue))
        }
        return (RegressionTree(nodes: nodes), leaves)
    }

    private func build(indices: [Int32], range: Range<Int>, gradients: [Double], hessians: [Double]) -> Histogram {
        var histogram = Histogram(features: features)
        let count = range.count
        var orderedG = [Double](repeating: 0, count: count)
        var orderedH = [Double](repeating: 0, count: count)
        var rowsHere = [Int32](repeating: 0, count: count)
        for k in 0..<count {
            let r = Int(indices[range.lowerBound + k])
            rowsHere[k] = Int32(r)
            orderedG[k] = gradients[r]
            orderedH[k] = hessians[r]
        }
        let n = rows
        let binned = self.binned
        let features = self.features
        rowsHere.withUnsafeBufferPointer { rb in
            orderedG.withUnsafeBufferPointer { gb in
                orderedH.withUnsafeBufferPointer { hb in
                    histogram.g.withUnsafeMutableBufferPointer { gm in
                        histogram.h.withUnsafeMutableBufferPointer { hm in
                            histogram.c.withUnsafeMutableBufferPointer { cm in
                                guard let r = rb.baseAddress, let g = gb.baseAddress, let h = hb.baseAddress,
                                      let go = gm.baseAddress, let ho = hm.baseAddress, let co = cm.baseAddress else { return }
                                let input = HistogramInput(rows: r, g: g, h: h, gOut: go, hOut: ho, cOut: co)
                                _ = Parallel.map(features) { f -> Bool in
                                    let column = binned.base + f * n
                                    let gOut = input.gOut + f * 256, hOut = input.hOut + f * 256, cOut = input.cOut + f * 256
                                    let rowsPointer = input.rows
                                    TreeGrower.accumulate(count: count, bin: { column[Int(rowsPointer[$0])] }, g: input.g, h: input.h,
                                                          gOut: gOut, hOut: hOut, cOut: cOut)
                                    return true
                                }
                            }
                        }
                    }
                }
            }
        }
        return histogram
    }

    /// Adds rows 0..<count into one feature's 256 bins. Two interleaved partial histograms break the
    /// read-modify-write chain on a bin hit by consecutive rows; the fixed combination order keeps results
    /// identical from run to run.
    @inline(__always)
    static func accumulate(count: Int, bin: (Int) -> UInt8, g: UnsafePointer<Double>, h: UnsafePointer<Double>,
                           gOut: UnsafeMutablePointer<Double>, hOut: UnsafeMutablePointer<Double>, cOut: UnsafeMutablePointer<Int32>) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * 256) { scratch in
            guard let s = scratch.baseAddress else { return }
            s.initialize(repeating: 0, count: 4 * 256)
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * 256) { countScratch in
                guard let c = countScratch.baseAddress else { return }
                c.initialize(repeating: 0, count: 2 * 256)
                let g1 = s, h1 = s + 256, g2 = s + 512, h2 = s + 768
                let c1 = c, c2 = c + 256
                var k = 0
                while k + 2 <= count {
                    let a = Int(bin(k)), b = Int(bin(k + 1))
                    g1[a] += g[k]; h1[a] += h[k]; c1[a] &+= 1
                    g2[b] += g[k + 1]; h2[b] += h[k + 1]; c2[b] &+= 1
                    k += 2
                }
                if k < count {
                    let a = Int(bin(k))
                    g1[a] += g[k]; h1[a] += h[k]; c1[a] &+= 1
                }
                for i in 0..<256 {
                    gOut[i] += g1[i] + g2[i]
                    hOut[i] += h1[i] + h2[i]
                    cOut[i] &+= c1[i] &+ c2[i]
                }
            }
        }
    }

    /// The root histogram: all rows in order, no gather needed.
    private func buildRoot(gradients: [Double], hessians: [Double]) -> Histogram {
        var histogram = Histogram(features: features)
        let n = rows
        let binned = self.binned
        gradients.withUnsafeBufferPointer { gb in
            hessians.withUnsafeBufferPointer { hb in
                histogram.g.withUnsafeMutableBufferPointer { gm in
                    histogram.h.withUnsafeMutableBufferPointer { hm in
                        histogram.c.withUnsafeMutableBufferPointer { cm in
                            guard let g = gb.baseAddress, let h = hb.baseAddress,
                                  let go = gm.baseAddress, let ho = hm.baseAddress, let co = cm.baseAddress else { return }
                            let input = RootInput(g: g, h: h, gOut: go, hOut: ho, cOut: co)
                            _ = Parallel.map(features) { f -> Bool in
                                let column = binned.base + f * n
                                let gOut = input.gOut + f * 256, hOut = input.hOut + f * 256, cOut = input.cOut + f * 256
                                TreeGrower.accumulate(count: n, bin: { column[$0] }, g: input.g, h: input.h, gOut: gOut, hOut: hOut, cOut: cOut)
                                return true
                            }
                        }
                    }
                }
            }
        }
        return histogram
    }

    private func subtract(_ parent: Histogram, _ child: Histogram) -> Histogram {
        var out = parent
        out.g.withUnsafeMutableBufferPointer { o in
            child.g.withUnsafeBufferPointer { c in for i in 0..<o.count { o[i] -= c[i] } }
        }
        out.h.withUnsafeMutableBufferPointer { o in
            child.h.withUnsafeBufferPointer { c in for i in 0..<o.count { o[i] -= c[i] } }
        }
        out.c.withUnsafeMutableBufferPointer { o in
            child.c.withUnsafeBufferPointer { c in for i in 0..<o.count { o[i] &-= c[i] } }
        }
        return out
    }

    private func bestSplit(_ leaf: Leaf) -> Split? {
        let count = leaf.end - leaf.start
        guard count >= 2 * settings.minSamplesLeaf else { return nil }
        let l2 = settings.l2
        let parentScore = leaf.g * leaf.g / (leaf.h + l2)
        let histogram = leaf.histogram
        let candidates = Parallel.map(features) { f -> Split? in
            let nb = mapper.binCount(f)
            guard nb > 1 || histogram.c[f * 256 + 255] > 0 else { return nil }
            let base = f * 256
            let missingG = histogram.g[base + 255], missingH = histogram.h[base + 255]
            let missingCount = Int(histogram.c[base + 255])
            var best: Split?
            for direction in 0..<(missingCount > 0 ? 2 : 1) {
                let missingLeft = direction == 1
                var gl = missingLeft ? missingG : 0, hl = missingLeft ? missingH : 0, cl = missingLeft ? missingCount : 0
                let lastBin = missingCount > 0 && !missingLeft ? nb - 1 : nb - 2
                guard lastBin >= 0 else { continue }
                for b in 0...lastBin {
                    gl += histogram.g[base + b]
                    hl += histogram.h[base + b]
                    cl += Int(histogram.c[base + b])
                    let cr = count - cl
                    if cl < settings.minSamplesLeaf { continue }
                    if cr < settings.minSamplesLeaf { break }
                    let gr = leaf.g - gl, hr = leaf.h - hl
                    if hl < 1e-3 || hr < 1e-3 { continue }
                    let gain = gl * gl / (hl + l2) + gr * gr / (hr + l2) - parentScore
                    if gain > 0, gain > (best?.gain ?? 0) {
                        let goesLeft = missingCount > 0 ? missingLeft : cl >= cr
                        best = Split(gain: gain, feature: f, bin: b, missingGoesLeft: goesLeft, leftG: gl, leftH: hl, leftCount: cl)
                    }
                }
            }
            return best
        }
        var best: Split?
        for candidate in candidates {
            if let c = candidate, c.gain > (best?.gain ?? 0) { best = c }
        }
        return best
    }

    /// Stable partition of the leaf's rows: left rows first. Returns the boundary.
    private func partition(_ indices: inout [Int32], scratch: inout [Int32], leaf: Leaf, split: Split) -> Int {
        let column = binned.base + split.feature * rows
        var l = leaf.start
        var rightCount = 0
        let bin = UInt8(split.bin)
        for k in leaf.start..<leaf.end {
            let r = indices[k]
            let b = column[Int(r)]
            let goLeft = b == BinMapper.missingBin ? split.missingGoesLeft : b <= bin
            if goLeft { indices[l] = r; l += 1 } else { scratch[rightCount] = r; rightCount += 1 }
        }
        for k in 0..<rightCount { indices[l + k] = scratch[k] }
        return l
    }
}
