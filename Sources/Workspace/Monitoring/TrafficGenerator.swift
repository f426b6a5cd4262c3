import Foundation
import MLCore

/// `mlopslab traffic`: production requests on the simulated clock, written straight into the
/// collected-data layout as the endpoint's data collector would (inputs, outputs scored with the
/// deployed model through MLCore, and ground-truth labels after a delay). The clock is then
/// advanced over the span, so scheduled monitors run on the traffic as it builds up.
public struct TrafficGenerator: Sendable {
    public struct Request: Sendable {
        public var endpoint: String
        public var deployment: String
        public var model: String
        public var data: URL
        public var perDay: Int
        public var days: Int
        public var drift: [DriftRecipe]
        public var labelDelay: TimeInterval?
        public init(endpoint: String, deployment: String, model: String, data: URL, perDay: Int, days: Int, drift: [DriftRecipe], labelDelay: TimeInterval?) {
            self.endpoint = endpoint; self.deployment = deployment; self.model = model; self.data = data
            self.perDay = perDay; self.days = days; self.drift = drift; self.labelDelay = labelDelay
        }
    }

    public struct Summary: Sendable {
        public var requests: Int
        public var labels: Int
        public var start: Date
        public var end: Date
        public var firings: [ScheduleRunner.Firing]
    }

    let workspace: Workspace
    let target: WorkspaceTarget

    public init(workspace: Workspace, target: WorkspaceTarget) {
        self.workspace = workspace
        self.target = target
    }

    public func run(_ request: Request) throws -> Summary {
        let (product, overflow) = request.perDay.multipliedReportingOverflow(by: request.days)
        guard request.perDay > 0, request.days > 0, !overflow, product <= 10_000_000 else {
            throw WorkspaceError.invalidArgument("--rate and --days must be positive, with at most 10,000,000 requests in all")
        }
        let model = try BatchEndpointStore(workspace: workspace, target: target).loadModel(request.model)
        var kinds: [String: ColumnKind] = [:]
        for input in model.inputs { kinds[input.name] = input.kind }
        let source: Table
        do { source = try CSVReader.read(path: request.data.path, options: CSVReadOptions(columnKinds: kinds)) } catch {
            throw WorkspaceError.failed("traffic data: \(BatchScorer.describe(error))")
        }
        guard source.rowCount > 0 else { throw WorkspaceError.failed("traffic data \(request.data.path) holds no rows") }
        for recipe in request.drift where source.column(named: recipe.column) == nil {
            throw WorkspaceError.invalidArgument("drift recipe column '\(recipe.column)' is not in \(request.data.lastPathComponent) (columns: \(source.columnNames.joined(separator: ", ")))")
        }
        let start = try workspace.clock.now()
        let total = request.perDay * request.days
        let spacing = 86400 / Double(request.perDay)
        let inputs = model.inputs.map(\.name)
        var stds: [String: Double] = [:]
        for name in inputs { if let numbers = source.column(named: name)?.numbers { stds[name] = TrafficGenerator.std(numbers.filter { !$0.isNaN }) } }

        var rows: [[String: JSONValue]] = []
        rows.reserveCapacity(total)
        var columns: [String: [JSONValue]] = [:]
        for k in 0..<total {
            let day = Double(k) * spacing / 86400
            let r = k % source.rowCount
            var data: [String: JSONValue] = [:]
            for name in inputs {
                guard let column = source.column(named: name) else { continue }
                var value: JSONValue = column.kind == .numeric ? (column.numbers.map { $0[r].isNaN ? .null : .double($0[r]) } ?? .null) : (column.text(at: r).map(JSONValue.string) ?? .null)
                for recipe in request.drift where recipe.column == name && day >= recipe.day {
                    if let number = value.doubleValue { value = recipe.apply(number: number, std: stds[name] ?? 0) } else { value = recipe.apply(text: value.stringValue) }
                }
                data[name] = value
                columns[name, default: []].append(value)
            }
            rows.append(data)
        }
        let table = try Table(columns: inputs.map { name in
            let values = columns[name] ?? []
            if kinds[name] == .numeric { return Column(name: name, numbers: values.map { $0.doubleValue ?? .nan }) }
            return Column(name: name, strings: values.map { $0.stringValue ?? $0.doubleValue.map(Column.format) })
        })
        let (predictions, _) = try model.predict(table: table)
        let labelsColumn = model.label.predictionColumn(name: "prediction", classIndices: predictions.classIndices)
        let truth = source.column(named: model.label.column)

        var rng = SystemRandomNumberGenerator()
        var inputRows: [CollectedData.Row] = [], outputRows: [CollectedData.Row] = [], labelRows: [CollectedData.Row] = []
        for k in 0..<total {
            let time = start.addingTimeInterval(Double(k) * spacing)
            let id = CollectedData.correlationId(&rng)
            inputRows.append(CollectedData.Row(correlationId: id, time: time, data: rows[k]))
            var output: [String: JSONValue] = [:]
            switch model.task {
            case .regression: output["prediction"] = .double(predictions.values[k])
            case .classification:
                let c = predictions.classCount, cls = predictions.classIndices[k]
                output["prediction"] = labelsColumn.text(at: k).map(JSONValue.string) ?? .null
                output["probability"] = .double(c == 2 ? predictions.probabilities[k * 2 + 1] : predictions.probabilities[k * c + cls])
            }
            outputRows.append(CollectedData.Row(correlationId: id, time: time, data: output))
            if let delay = request.labelDelay, let truth, let text = truth.text(at: k % source.rowCount) {
                labelRows.append(CollectedData.Row(correlationId: id, time: time.addingTimeInterval(delay), data: ["label": .string(text)]))
            }
        }
        let collected = CollectedData(home: workspace.home, workspace: target.workspaceName, endpoint: request.endpoint)
        // A deployment that exists collects only what its data_collector enables, as the scoring host does.
        let collector = TrafficGenerator.collections(ofDeployment: request.deployment, endpoint: request.endpoint, workspace: workspace, target: target)
        if collector.inputs { try collected.append(inputRows, deployment: request.deployment, collection: "model_inputs") }
        if collector.outputs { try collected.append(outputRows, deployment: request.deployment, collection: "model_outputs") }
        if !labelRows.isEmpty { try collected.append(labelRows, deployment: nil, collection: "labels") }
        let (end, firings) = try ScheduleRunner(workspace: workspace).advanceClock(by: Double(request.days) * 86400)
        return Summary(requests: total, labels: labelRows.count, start: start, end: end, firings: firings)
    }

    /// Which collections a deployment's `data_collector` turns on; both when the deployment is not recorded
    /// (traffic generated for a deployment that lives elsewhere).
    static func collections(ofDeployment name: String, endpoint: String, workspace: Workspace, target: WorkspaceTarget) -> (inputs: Bool, outputs: Bool) {
        guard let deployment = try? OnlineDeploymentStore(workspace: workspace).show(name, endpoint: endpoint, in: target) else { return (true, true) }
        func enabled(_ collection: String) -> Bool {
            let flag = deployment["data_collector"]?["collections"]?[collection]?["enabled"]
            return flag == .bool(true) || flag?.stringValue?.lowercased() == "true"
        }
        return (enabled("model_inputs"), enabled("model_outputs"))
    }

    static func std(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }
}
