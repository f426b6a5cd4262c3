import Foundation

/// A small deterministic generator (SplitMix64) so seeded sweeps sample the same trials every time.
struct SweepRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func int(below bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    /// Standard normal (Box-Muller).
    mutating func gaussian() -> Double {
        let u1 = max(unit(), 1e-300)
        let u2 = unit()
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// Chooses the hyperparameter values of each trial.
public enum SweepSampler {
    /// The seed used when a random or Bayesian sweep gives none.
    public static let defaultSeed: UInt64 = 42

    /// Up to `count` assignments (parameter → value text). Grid sampling enumerates every combination of
    /// `choice` values in order (fewer trials when the grid is smaller); random and Bayesian sample.
    public static func sample(_ space: [SearchParameter], algorithm: SamplingAlgorithm, count: Int) -> [[String: String]] {
        switch algorithm {
        case .grid:
            var combinations: [[String: String]] = [[:]]
            for parameter in space {
                guard case .choice(let values) = parameter.distribution else { continue }
                combinations = combinations.flatMap { partial in values.map { value in partial.merging([parameter.name: value]) { $1 } } }
            }
            return Array(combinations.prefix(count))
        case .random(let seed):
            return randomTrials(space, seed: seed ?? defaultSeed, count: count)
        case .bayesian:
            return randomTrials(space, seed: defaultSeed, count: count)
        }
    }

    static func randomTrials(_ space: [SearchParameter], seed: UInt64, count: Int) -> [[String: String]] {
        var random = SweepRandom(seed: seed)
        return (0..<max(count, 0)).map { _ in
            var assignment: [String: String] = [:]
            for parameter in space { assignment[parameter.name] = value(parameter.distribution, &random) }
            return assignment
        }
    }

    static func value(_ distribution: SearchDistribution, _ random: inout SweepRandom) -> String {
        func quantise(_ x: Double, _ q: Double) -> Double { (x / q).rounded() * q }
        switch distribution {
        case .choice(let values): return values.isEmpty ? "" : values[random.int(below: values.count)]
        case .randint(let upper): return String(random.int(below: upper))
        case .uniform(let low, let high): return format(low + (high - low) * random.unit())
        case .quniform(let low, let high, let q): return format(quantise(low + (high - low) * random.unit(), q))
        case .loguniform(let low, let high): return format(exp(low + (high - low) * random.unit()))
        case .qloguniform(let low, let high, let q): return format(quantise(exp(low + (high - low) * random.unit()), q))
        case .normal(let mu, let sigma): return format(mu + sigma * random.gaussian())
        case .qnormal(let mu, let sigma, let q): return format(quantise(mu + sigma * random.gaussian(), q))
        case .lognormal(let mu, let sigma): return format(exp(mu + sigma * random.gaussian()))
        case .qlognormal(let mu, let sigma, let q): return format(quantise(exp(mu + sigma * random.gaussian()), q))
        }
    }

    /// Shortest round-trip text, integral values without a fraction.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
