import Foundation
import MLCore

/// `mlopslab traffic`: production requests on the simulated clock, sent over real HTTP to an online
/// endpoint's scoring URI with its key, so the served deployments (chosen by the endpoint's traffic
/// weights, or `--deployment` through the `azureml-model-deployment` header) score them and their data
/// collectors record what was really served. Each request carries one row, a fresh `x-request-id` (the
/// correlation id of its collected rows) and `x-mlopslab-simulated-time`, the simulated instant it is sent
/// at, which the host honours from loopback peers only. Requests go out day by day over keep-alive
/// connections; after each simulated day the clock is advanced to the day's end, firing every schedule and
/// monitor due on the way, and the day's ground-truth labels are written to arrive `labelDelay` after
/// their requests.
public struct TrafficGenerator: Sendable {
    public struct Request: Sendable {
        public var endpoint: String
        /// Send every request to this deployment (the `azureml-model-deployment` header) instead of routing by weight.
        public var deployment: String?
        public var data: URL
        public var perDay: Int
        public var days: Int
        public var drift: [DriftRecipe]
        public var labelDelay: TimeInterval?
        /// Ground-truth column of `data` (default: the label column the served model was trained on).
        public var labelColumn: String?
        /// Keep-alive connections (default: as many requests as the deployments take in flight, at most 4).
        public var connections: Int?

        public init(endpoint: String, deployment: String? = nil, data: URL, perDay: Int, days: Int, drift: [DriftRecipe] = [],
                    labelDelay: TimeInterval? = nil, labelColumn: String? = nil, connections: Int? = nil) {
            self.endpoint = endpoint; self.deployment = deployment; self.data = data; self.perDay = perDay; self.days = days
            self.drift = drift; self.labelDelay = labelDelay; self.labelColumn = labelColumn; self.connections = connections
        }
    }

    public struct Summary: Sendable {
        public var requests: Int
        public var labels: Int
        public var start: Date
        public var end: Date
        public var firings: [ScheduleRunner.Firing]
        /// Requests answered by each deployment (the `azureml-model-deployment` response header).
        public var served: [String: Int]
        /// 429 answers (deployment at its in-flight limit) that were retried.
        public var retried: Int
        public var connections: Int
    }

    /// What the endpoint serves: the columns to send, the ground-truth column, the concurrency it admits.
    struct Plan {
        var inputs: [ColumnSignature]
        var labelColumn: String?
        var maxInFlight: Int
        var bearer: String
        var path: String
        var port: Int
    }

    let workspace: Workspace
    let target: WorkspaceTarget

    public init(workspace: Workspace, target: WorkspaceTarget) {
        self.workspace = workspace
        self.target = target
    }

    /// Sends the traffic; the scoring host must be running (`HostLauncher.ensureRunning`).
    public func run(_ request: Request) throws -> Summary {
        let (product, overflow) = request.perDay.multipliedReportingOverflow(by: request.days)
        guard request.perDay > 0, request.days > 0, !overflow, product <= 10_000_000 else {
            throw WorkspaceError.invalidArgument("--rate and --days must be positive, with at most 10,000,000 requests in all")
        }
        let plan = try makePlan(request)
        var kinds: [String: ColumnKind] = [:]
        for input in plan.inputs { kinds[input.name] = input.kind }
        let source: Table
        do { source = try CSVReader.read(path: request.data.path, options: CSVReadOptions(columnKinds: kinds)) } catch {
            throw WorkspaceError.failed("traffic data: \(BatchScorer.describe(error))")
        }
        guard source.rowCount > 0 else { throw WorkspaceError.failed("traffic data \(request.data.path) holds no rows") }
        let missing = plan.inputs.map(\.name).filter { source.column(named: $0) == nil }
        guard missing.isEmpty else {
            throw WorkspaceError.failed("traffic data \(request.data.lastPathComponent) lacks the model input(s) \(missing.joined(separator: ", ")) (columns: \(source.columnNames.joined(separator: ", ")))")
        }
        for recipe in request.drift where source.column(named: recipe.column) == nil {
            throw WorkspaceError.invalidArgument("drift recipe column '\(recipe.column)' is not in \(request.data.lastPathComponent) (columns: \(source.columnNames.joined(separator: ", ")))")
        }
        var truth: Column?
        if request.labelDelay != nil {
            guard let label = plan.labelColumn else {
                throw WorkspaceError.invalidArgument("--label-delay needs the ground-truth column: give --label-column (the served model does not name its label)")
            }
            guard let column = source.column(named: label) else {
                throw WorkspaceError.invalidArgument("ground-truth column '\(label)' is not in \(request.data.lastPathComponent) (columns: \(source.columnNames.joined(separator: ", ")))")
            }
            truth = column
        }
        let names = plan.inputs.map(\.name)
        let cells = encodedCells(source: source, inputs: names)
        let stds = names.map { name in source.column(named: name)?.numbers.map { TrafficGenerator.std($0.filter { !$0.isNaN }) } ?? 0 }
        let header = "{\"input_data\": {\"columns\": [" + plan.inputs.map { JSONValue.quote($0.name) }.joined(separator: ", ") + "], \"index\": [0], \"data\": [["
        let connections = max(1, min(request.connections ?? min(plan.maxInFlight, 4), 16))
        let clients = try (0..<connections).map { _ in try KeepAliveHTTPClient(port: plan.port) }
        var fixedHeaders: [(String, String)] = [("Authorization", "Bearer \(plan.bearer)"), ("Content-Type", "application/json")]
        if let deployment = request.deployment { fixedHeaders.append(("azureml-model-deployment", deployment)) }

        let start = try workspace.clock.now()
        let spacing = 86400 / Double(request.perDay)
        let collected = CollectedData(home: workspace.home, workspace: target.workspaceName, endpoint: request.endpoint)
        let scheduler = ScheduleRunner(workspace: workspace)
        var rng = SystemRandomNumberGenerator()
        var firings: [ScheduleRunner.Firing] = []
        var served: [String: Int] = [:]
        var retried = 0, labels = 0
        for day in 0..<request.days {
            let first = day * request.perDay
            var jobs: [Job] = []
            jobs.reserveCapacity(request.perDay)
            for k in first..<(first + request.perDay) {
                let time = start.addingTimeInterval(Double(k) * spacing)
                let row = k % source.rowCount
                var values = cells[row]
                for (index, name) in names.enumerated() where index < values.count && index < stds.count {
                    for recipe in request.drift where recipe.column == name && Double(k) * spacing / 86400 >= recipe.day {
                        values[index] = drifted(values[index], recipe: recipe, std: stds[index])
                    }
                }
                let body = header + values.map { $0.compact() }.joined(separator: ", ") + "]]}}"
                jobs.append(Job(id: CollectedData.correlationId(&rng), time: time, row: row, body: Array(body.utf8)))
            }
            let outcome = send(jobs, clients: clients, headers: fixedHeaders, path: plan.path)
            if let failure = outcome.failure { throw failure }
            for (name, count) in outcome.served { served[name, default: 0] += count }
            retried += outcome.retried
            if let delay = request.labelDelay, let truth {
                let rows = jobs.compactMap { job -> CollectedData.Row? in
                    guard let text = truth.text(at: job.row) else { return nil }
                    return CollectedData.Row(correlationId: job.id, time: job.time.addingTimeInterval(delay), data: ["label": .string(text)])
                }
                try collected.append(rows, deployment: nil, collection: "labels")
                labels += rows.count
            }
            let dayEnd = start.addingTimeInterval(Double(day + 1) * 86400)
            let rest = dayEnd.timeIntervalSince(try workspace.clock.now())
            if rest > 0 { firings += try scheduler.advanceClock(by: rest).fired }
        }
        return Summary(requests: product, labels: labels, start: start, end: try workspace.clock.now(), firings: firings,
                       served: served, retried: retried, connections: connections)
    }

    // MARK: Endpoint

    func makePlan(_ request: Request) throws -> Plan {
        let endpoints = OnlineEndpointStore(workspace: workspace)
        let stored = try endpoints.stored(request.endpoint, in: target)
        let name = stored["name"]?.stringValue ?? request.endpoint.lowercased()
        let records = try OnlineDeploymentStore(workspace: workspace).records(endpoint: name, in: target)
        var byName: [String: JSONValue] = [:]
        for record in records { if let n = record["name"]?.stringValue { byName[n] = record } }
        let chosen: [String]
        if let deployment = request.deployment {
            guard byName[deployment] != nil else {
                throw WorkspaceError.failed("Deployment name \(deployment) not found for this endpoint (deployments: \(byName.keys.sorted().joined(separator: ", ")))")
            }
            chosen = [deployment]
        } else {
            chosen = OnlineEndpointStore.intMap(stored["traffic"]).filter { $0.value > 0 }.keys.sorted()
            guard !chosen.isEmpty else {
                throw WorkspaceError.failed("Endpoint \(name) has no deployment with traffic: set it with `az ml online-endpoint update -n \(name) --traffic \"blue=100\"` or give --deployment.")
            }
        }
        var inputs: [ColumnSignature] = []
        var label: String?
        var maxInFlight = Int.max
        for deployment in chosen {
            guard let body = byName[deployment], body["provisioning_state"]?.stringValue == "Succeeded" else {
                throw WorkspaceError.failed("Deployment \(deployment) of endpoint \(name) is not Succeeded (\(byName[deployment]?["provisioning_state"]?.stringValue ?? "missing")); it cannot take traffic.")
            }
            let perInstance = Int(body["request_settings"]?["max_concurrent_requests_per_instance"]?.intValue ?? 1)
            maxInFlight = min(maxInFlight, max(1, 2 * perInstance * Int(body["instance_count"]?.intValue ?? 1)))
            let folder = ServingAddress.deploymentFolder(home: workspace.home, scope: target.scopeKey, endpoint: name, deployment: deployment)
            if let model = TrafficGenerator.servedModel(folder: folder.appendingPathComponent("model")) {
                for input in model.inputs where !inputs.contains(where: { $0.name == input.name }) { inputs.append(input) }
                if label == nil { label = model.label.column }
            }
        }
        guard !inputs.isEmpty else {
            throw WorkspaceError.notSimulated("traffic to deployments without an mlopslab/MLflow model (scoring scripts): their input columns are unknown")
        }
        let credentials = try endpoints.credentials(name, in: target)
        guard let bearer = credentials["primaryKey"]?.stringValue ?? credentials["accessToken"]?.stringValue else {
            throw WorkspaceError.failed("Endpoint \(name) has no credential to send requests with.")
        }
        guard let host = ServingAddress.record(home: workspace.home), host.pid > 0 else {
            throw WorkspaceError.failed("The scoring host is not running (start it with `mlopslab serve start`).")
        }
        return Plan(inputs: inputs, labelColumn: request.labelColumn ?? label, maxInFlight: maxInFlight, bearer: bearer,
                    path: "/endpoints/\(name)/score", port: host.port)
    }

    /// The mlopslab model a deployment folder serves (the folder with `model.json`, or a folder holding one).
    static func servedModel(folder: URL) -> TrainedModel? {
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("model.json").path) {
            return try? ModelArtifact.load(from: folder.path)
        }
        let children = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        for child in children.sorted(by: { $0.path < $1.path }) where FileManager.default.fileExists(atPath: child.appendingPathComponent("model.json").path) {
            return try? ModelArtifact.load(from: child.path)
        }
        return nil
    }

    // MARK: Rows

    /// The cells of every source row, in input order, as JSON values.
    func encodedCells(source: Table, inputs: [String]) -> [[JSONValue]] {
        let columns = inputs.compactMap { source.column(named: $0) }
        return (0..<source.rowCount).map { r in
            columns.map { column -> JSONValue in
                if column.kind == .numeric, let numbers = column.numbers {
                    return numbers[r].isNaN ? .null : .double(numbers[r])
                }
                return column.text(at: r).map(JSONValue.string) ?? .null
            }
        }
    }

    func drifted(_ value: JSONValue, recipe: DriftRecipe, std: Double) -> JSONValue {
        if let number = value.doubleValue { return recipe.apply(number: number, std: std) }
        return recipe.apply(text: value.stringValue)
    }

    static func std(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }

    // MARK: Sending

    struct Job: Sendable {
        var id: String
        var time: Date
        var row: Int
        var body: [UInt8]
    }

    struct Outcome {
        var served: [String: Int] = [:]
        var retried = 0
        var failure: WorkspaceError?
    }

    final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var outcome = Outcome()
        let clients: [KeepAliveHTTPClient]
        init(clients: [KeepAliveHTTPClient]) { self.clients = clients }
    }

    /// Sends the jobs over the clients' connections in parallel (job i on connection i mod n); a 429 is
    /// retried after a short pause, any other answer but 200 stops the traffic with the host's message.
    func send(_ jobs: [Job], clients: [KeepAliveHTTPClient], headers: [(String, String)], path: String) -> Outcome {
        let shared = Shared(clients: clients)
        let count = clients.count
        DispatchQueue.concurrentPerform(iterations: count) { lane in
            let client = shared.clients[lane]
            var served: [String: Int] = [:]
            var retried = 0
            var failure: WorkspaceError?
            var index = lane
            lanes: while index < jobs.count {
                let job = jobs[index]
                let requestHeaders = headers + [("x-request-id", job.id), ("x-mlopslab-simulated-time", SimulatedClock.isoString(job.time))]
                var attempts = 0
                while true {
                    do {
                        let reply = try client.post(path: path, headers: requestHeaders, body: job.body)
                        if reply.status == 200 {
                            served[reply.headers["azureml-model-deployment"] ?? "?", default: 0] += 1
                            break
                        }
                        if reply.status == 429, attempts < 10_000 {
                            attempts += 1
                            retried += 1
                            usleep(UInt32(min(200 * attempts, 5000)))
                            continue
                        }
                        failure = .failed("the endpoint answered \(reply.status) to the request sent at \(SimulatedClock.isoString(job.time)): \(reply.text.prefix(400))")
                    } catch let error as WorkspaceError {
                        failure = error
                    } catch {
                        failure = .failed("\(error)")
                    }
                    break lanes
                }
                shared.lock.lock()
                let stop = shared.outcome.failure != nil
                shared.lock.unlock()
                if stop { break }
                index += count
            }
            shared.lock.lock()
            for (name, n) in served { shared.outcome.served[name, default: 0] += n }
            shared.outcome.retried += retried
            if let failure, shared.outcome.failure == nil { shared.outcome.failure = failure }
            shared.lock.unlock()
        }
        return shared.outcome
    }
}
