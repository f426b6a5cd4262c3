import Foundation
import Primitives

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
        var random = SplitMix64(seed: seed)
        return (0..<max(count, 0)).map { _ in
            var assignment: [String: String] = [:]
            for parameter in space { assignment[parameter.name] = value(parameter.distribution, &random) }
            return assignment
        }
    }

    static func value(_ distribution: SearchDistribution, _ random: inout SplitMix64) -> String {
        func quantise(_ x: Double, _ q: Double) -> Double { (x / q).rounded() * q }
        switch distribution {
        case .choice(let values): return values.isEmpty ? "" : values[random.nextInt(below: values.count)]
        case .randint(let upper): return String(random.nextInt(below: upper))
        case .uniform(let low, let high): return format(low + (high - low) * random.nextUnit())
        case .quniform(let low, let high, let q): return format(quantise(low + (high - low) * random.nextUnit(), q))
        case .loguniform(let low, let high): return format(exp(low + (high - low) * random.nextUnit()))
        case .qloguniform(let low, let high, let q): return format(quantise(exp(low + (high - low) * random.nextUnit()), q))
        case .normal(let mu, let sigma): return format(mu + sigma * random.nextGaussian())
        case .qnormal(let mu, let sigma, let q): return format(quantise(mu + sigma * random.nextGaussian(), q))
        case .lognormal(let mu, let sigma): return format(exp(mu + sigma * random.nextGaussian()))
        case .qlognormal(let mu, let sigma, let q): return format(quantise(exp(mu + sigma * random.nextGaussian()), q))
        }
    }

    /// Shortest round-trip text, integral values without a fraction.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
