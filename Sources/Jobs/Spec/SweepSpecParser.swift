import Foundation
import Yams

/// Parses the sweep-specific parts of a `type: sweep` job.
enum SweepSpecParser {
    static func sweep(_ pairs: SpecReader.Pairs, owner: Node, reader: SpecReader) -> SweepJobSpec {
        let metadata = reader.metadata(pairs)
        let trial = self.trial(pairs, owner: owner, reader: reader)
        let sampling = samplingAlgorithm(pairs, owner: owner, reader: reader)
        let space = searchSpace(pairs, owner: owner, reader: reader)
        let objective = self.objective(pairs, owner: owner, reader: reader)
        let limits = self.limits(pairs, owner: owner, reader: reader)
        let earlyTermination = self.earlyTermination(pairs, reader: reader)
        if case .grid = sampling {
            for parameter in space {
                if case .choice = parameter.distribution { continue }
                reader.record(SchemaIssue(.invalidField, field: "search_space.\(parameter.name)",
                                                 "Grid sampling supports only `choice` parameters.", at: parameter.position))
            }
        }
        if case .bayesian = sampling {
            reader.warnNotSimulated("Bayesian sampling; trials are sampled at random with a fixed seed instead", "sampling_algorithm", at: SpecReader.value(pairs, "sampling_algorithm"))
        }
        let known = Set(space.map(\.name))
        for occurrence in BindingScanner.occurrences(in: trial.command) {
            if case .searchSpace(let name) = occurrence.target, !known.contains(name) {
                reader.record(SchemaIssue(.invalidField, field: "trial.command",
                                                 "\(occurrence.text) names no parameter of search_space (known: \(known.sorted().joined(separator: ", "))).",
                                                 at: trial.commandPosition))
            }
        }
        let outputs = reader.jobOutputs(pairs, prefix: "")
        for output in outputs where output.assetName != nil {
            reader.warnNotSimulated("registering a sweep's named outputs (outputs.\(output.name) is not registered)", "outputs.\(output.name).name",
                                    at: SpecReader.value(pairs, "outputs"))
        }
        return SweepJobSpec(metadata: metadata, trial: trial, inputs: reader.jobInputs(pairs, prefix: ""),
                            outputs: outputs, samplingAlgorithm: sampling,
                            searchSpace: space, objective: objective, limits: limits, earlyTermination: earlyTermination)
    }

    static func earlyTermination(_ pairs: SpecReader.Pairs, reader: SpecReader) -> EarlyTerminationPolicy? {
        guard let node = SpecReader.value(pairs, "early_termination"), !SpecReader.isNull(node),
              let object = reader.mapping(node, "early_termination") else { return nil }
        let field = "early_termination"
        reader.checkKeys(object, allowed: ["type", "evaluation_interval", "delay_evaluation", "slack_factor", "slack_amount", "truncation_percentage", "exclude_finished_jobs"], prefix: field)
        guard let typeNode = SpecReader.value(object, "type") else {
            reader.report(.missingField, "\(field).type", "Missing data for required field.", at: node)
            return nil
        }
        guard let text = reader.oneOf(typeNode, "\(field).type", ["bandit", "median_stopping", "truncation_selection"]),
              let kind = EarlyTerminationPolicy.Kind(rawValue: text) else { return nil }
        var policy = EarlyTerminationPolicy(kind: kind)
        policy.evaluationInterval = reader.optionalInteger(object, "evaluation_interval", prefix: field, minimum: 0).map { max($0, 1) } ?? 1
        policy.delayEvaluation = reader.optionalInteger(object, "delay_evaluation", prefix: field, minimum: 0) ?? 0
        if let value = SpecReader.value(object, "slack_factor"), !SpecReader.isNull(value) { policy.slackFactor = reader.number(value, "\(field).slack_factor") }
        if let value = SpecReader.value(object, "slack_amount"), !SpecReader.isNull(value) { policy.slackAmount = reader.number(value, "\(field).slack_amount") }
        if kind == .bandit && (policy.slackFactor == nil) == (policy.slackAmount == nil) {
            reader.report(.invalidField, "\(field).slack_factor", "A bandit policy needs exactly one of slack_factor and slack_amount.", at: SpecReader.keyNode(pairs, "early_termination"))
        }
        if let percentage = reader.optionalInteger(object, "truncation_percentage", prefix: field, minimum: 1) {
            if percentage > 99 { reader.report(.invalidField, "\(field).truncation_percentage", "Must be between 1 and 99.", at: SpecReader.value(object, "truncation_percentage")) }
            policy.truncationPercentage = percentage
        }
        return policy
    }

    static func trial(_ pairs: SpecReader.Pairs, owner: Node, reader: SpecReader) -> CommandComponentSpec {
        let empty = CommandComponentSpec(command: "", commandPosition: reader.position(owner))
        guard let node = SpecReader.value(pairs, "trial"), !SpecReader.isNull(node) else {
            reader.report(.missingField, "trial", "Missing data for required field.", at: owner)
            return empty
        }
        guard let object = reader.mapping(node, "trial") else { return empty }
        reader.checkKeys(object, allowed: ["command", "code", "environment", "environment_variables", "resources", "distribution", "type", "component"], prefix: "trial")
        if SpecReader.value(object, "component") != nil {
            reader.refuseNotSimulated("component trials in sweeps; write `command`, `code` and `environment` under `trial`", "trial.component", at: SpecReader.value(object, "component"))
        }
        let command = reader.requiredText(object, "command", prefix: "trial", owner: node) ?? ""
        let environment = reader.environment(object, prefix: "trial")
        if environment == nil { reader.report(.missingField, "trial.environment", "Missing data for required field.", at: node) }
        return CommandComponentSpec(
            command: command, commandPosition: reader.position(SpecReader.value(object, "command") ?? node),
            code: reader.optionalText(object, "code", prefix: "trial"), environment: environment,
            environmentVariables: reader.stringMap(object, "environment_variables", prefix: "trial"),
            resources: reader.resources(object, prefix: "trial"),
            distributionType: reader.distribution(object, prefix: "trial"))
    }

    static func samplingAlgorithm(_ pairs: SpecReader.Pairs, owner: Node, reader: SpecReader) -> SamplingAlgorithm {
        guard let node = SpecReader.value(pairs, "sampling_algorithm"), !SpecReader.isNull(node) else {
            reader.report(.missingField, "sampling_algorithm", "Missing data for required field.", at: owner)
            return .random(seed: nil)
        }
        var typeNode = node
        var seed: UInt64?
        if case .mapping = node, let object = reader.mapping(node, "sampling_algorithm") {
            reader.checkKeys(object, allowed: ["type", "seed", "rule", "logbase"], prefix: "sampling_algorithm")
            guard let inner = SpecReader.value(object, "type") else {
                reader.report(.missingField, "sampling_algorithm.type", "Missing data for required field.", at: node)
                return .random(seed: nil)
            }
            typeNode = inner
            if let value = reader.optionalInteger(object, "seed", prefix: "sampling_algorithm", minimum: 0) { seed = UInt64(value) }
        }
        switch reader.oneOf(typeNode, "sampling_algorithm", ["random", "grid", "bayesian"]) {
        case "grid": return .grid
        case "bayesian": return .bayesian
        default: return .random(seed: seed)
        }
    }

    static func searchSpace(_ pairs: SpecReader.Pairs, owner: Node, reader: SpecReader) -> [SearchParameter] {
        guard let node = SpecReader.value(pairs, "search_space"), !SpecReader.isNull(node) else {
            reader.report(.missingField, "search_space", "Missing data for required field.", at: owner)
            return []
        }
        guard let entries = reader.mapping(node, "search_space") else { return [] }
        var parameters: [SearchParameter] = []
        for entry in entries {
            let field = "search_space.\(entry.key)"
            guard let object = reader.mapping(entry.value, field) else { continue }
            guard let typeNode = SpecReader.value(object, "type") else {
                reader.report(.missingField, "\(field).type", "Missing data for required field.", at: entry.keyNode)
                continue
            }
            let kinds = ["choice", "randint", "uniform", "quniform", "loguniform", "qloguniform", "normal", "qnormal", "lognormal", "qlognormal"]
            guard let kind = reader.oneOf(typeNode, "\(field).type", kinds) else { continue }
            if let distribution = self.distribution(kind, object, field: field, owner: entry.value, reader: reader) {
                parameters.append(SearchParameter(name: entry.key, distribution: distribution, position: reader.position(entry.keyNode)))
            }
        }
        return parameters
    }

    static func distribution(_ kind: String, _ object: SpecReader.Pairs, field: String, owner: Node, reader: SpecReader) -> SearchDistribution? {
        func required(_ key: String) -> Double? {
            guard let node = SpecReader.value(object, key), !SpecReader.isNull(node) else {
                reader.report(.missingField, "\(field).\(key)", "Missing data for required field.", at: owner)
                return nil
            }
            return reader.number(node, "\(field).\(key)")
        }
        switch kind {
        case "choice":
            reader.checkKeys(object, allowed: ["type", "values"], prefix: field)
            guard let valuesNode = SpecReader.value(object, "values") else {
                reader.report(.missingField, "\(field).values", "Missing data for required field.", at: owner)
                return nil
            }
            guard case .sequence(let items) = valuesNode, !items.isEmpty else {
                reader.report(.invalidField, "\(field).values", "`values` must be a non-empty list.", at: valuesNode)
                return nil
            }
            var values: [String] = []
            for item in items {
                guard case .scalar(let scalar) = item else {
                    reader.refuseNotSimulated("nested search spaces inside `choice`", "\(field).values", at: item)
                    return nil
                }
                values.append(scalar.string)
            }
            return .choice(values)
        case "randint":
            reader.checkKeys(object, allowed: ["type", "upper"], prefix: field)
            guard let node = SpecReader.value(object, "upper") else {
                reader.report(.missingField, "\(field).upper", "Missing data for required field.", at: owner)
                return nil
            }
            guard let upper = reader.integer(node, "\(field).upper", minimum: 1) else { return nil }
            return .randint(upper: upper)
        case "uniform", "loguniform", "quniform", "qloguniform":
            let quantised = kind.hasPrefix("q")
            reader.checkKeys(object, allowed: quantised ? ["type", "min_value", "max_value", "q"] : ["type", "min_value", "max_value"], prefix: field)
            guard let low = required("min_value"), let high = required("max_value") else { return nil }
            if low > high {
                reader.report(.invalidField, "\(field).min_value", "min_value (\(low)) is greater than max_value (\(high)).", at: owner)
                return nil
            }
            if quantised {
                guard let q = required("q") else { return nil }
                if q <= 0 { reader.report(.invalidField, "\(field).q", "q must be greater than 0.", at: owner); return nil }
                return kind == "quniform" ? .quniform(min: low, max: high, q: q) : .qloguniform(min: low, max: high, q: q)
            }
            return kind == "uniform" ? .uniform(min: low, max: high) : .loguniform(min: low, max: high)
        default:
            let quantised = kind.hasPrefix("q")
            reader.checkKeys(object, allowed: quantised ? ["type", "mu", "sigma", "q"] : ["type", "mu", "sigma"], prefix: field)
            guard let mu = required("mu"), let sigma = required("sigma") else { return nil }
            if sigma < 0 { reader.report(.invalidField, "\(field).sigma", "sigma must not be negative.", at: owner); return nil }
            switch kind {
            case "normal": return .normal(mu: mu, sigma: sigma)
            case "lognormal": return .lognormal(mu: mu, sigma: sigma)
            default:
                guard let q = required("q") else { return nil }
                if q <= 0 { reader.report(.invalidField, "\(field).q", "q must be greater than 0.", at: owner); return nil }
                return kind == "qnormal" ? .qnormal(mu: mu, sigma: sigma, q: q) : .qlognormal(mu: mu, sigma: sigma, q: q)
            }
        }
    }

    static func objective(_ pairs: SpecReader.Pairs, owner: Node, reader: SpecReader) -> SweepObjective {
        guard let node = SpecReader.value(pairs, "objective"), !SpecReader.isNull(node) else {
            reader.report(.missingField, "objective", "Missing data for required field.", at: owner)
            return SweepObjective(primaryMetric: "", goal: .maximize)
        }
        guard let object = reader.mapping(node, "objective") else { return SweepObjective(primaryMetric: "", goal: .maximize) }
        reader.checkKeys(object, allowed: ["goal", "primary_metric"], prefix: "objective")
        let metric = reader.requiredText(object, "primary_metric", prefix: "objective", owner: node) ?? ""
        var goal = SweepObjective.Goal.maximize
        if let goalNode = SpecReader.value(object, "goal") {
            if let text = reader.oneOf(goalNode, "objective.goal", ["minimize", "maximize"]), let parsed = SweepObjective.Goal(rawValue: text) { goal = parsed }
        } else {
            reader.report(.missingField, "objective.goal", "Missing data for required field.", at: node)
        }
        return SweepObjective(primaryMetric: metric, goal: goal)
    }

    static func limits(_ pairs: SpecReader.Pairs, owner: Node, reader: SpecReader) -> SweepLimits {
        guard let node = SpecReader.value(pairs, "limits"), !SpecReader.isNull(node) else {
            reader.report(.missingField, "limits.max_total_trials", "Missing data for required field.", at: owner)
            return SweepLimits()
        }
        guard let object = reader.mapping(node, "limits") else { return SweepLimits() }
        reader.checkKeys(object, allowed: ["max_total_trials", "max_concurrent_trials", "timeout", "trial_timeout"], prefix: "limits")
        guard let total = reader.optionalInteger(object, "max_total_trials", prefix: "limits", minimum: 1) else {
            if SpecReader.value(object, "max_total_trials") == nil {
                reader.report(.missingField, "limits.max_total_trials", "Missing data for required field.", at: node)
            }
            return SweepLimits()
        }
        let concurrent = reader.optionalInteger(object, "max_concurrent_trials", prefix: "limits", minimum: 1) ?? total
        return SweepLimits(maxTotalTrials: total, maxConcurrentTrials: concurrent,
                           timeoutSeconds: reader.optionalInteger(object, "timeout", prefix: "limits", minimum: 1),
                           trialTimeoutSeconds: reader.optionalInteger(object, "trial_timeout", prefix: "limits", minimum: 1))
    }
}

extension SpecReader {
    /// Appends a prepared issue (used where the position is not a node).
    func record(_ issue: SchemaIssue) {
        report(issue.category, issue.field, issue.message, line: issue.position.line, column: issue.position.column)
    }
}
