import Foundation
import GRDB

/// The SQLite record of every training run and evaluation, shared by the trainer and the reports.
///
/// The database is opened in WAL mode with a busy timeout, so several processes can write one
/// file; every write is one transaction, so no reader ever sees a half-written row.
public final class RunStore {
    /// The database file.
    public let path: URL
    /// The connection pool (WAL mode).
    let pool: DatabasePool
    private let clock: () -> Date
    /// The process id recorded with runs this store starts (settable so tests can play a dead process).
    var currentProcessID = ProcessInfo.processInfo.processIdentifier
    private let currentHost = ProcessInfo.processInfo.hostName

    /// Opens (creating it and its directory when needed) and migrates the database at `path`.
    ///
    /// - Parameters:
    ///   - path: the SQLite file, e.g. `runs/ssmix.sqlite`.
    ///   - busyTimeout: how long a write waits for another process's transaction.
    ///   - clock: the time written into `started`, `finished` and `recorded`.
    /// - Throws: `RunStoreError` naming the file when it cannot be created or written, is not
    ///   a database, or is damaged.
    public init(path: URL, busyTimeout: TimeInterval = 30, clock: @escaping () -> Date = Date.init) throws {
        self.path = path
        self.clock = clock
        let directory = path.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw RunStoreError.notWritable(path: path.path, detail: "cannot create directory \(directory.path)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        do {
            pool = try DatabasePool(path: path.path, configuration: configuration)
            try Self.migrate(pool)
        } catch {
            throw RunStoreError.from(error, path: path.path)
        }
    }

    /// Brings the schema up to date. Connections that open one new database at once (plan cells
    /// reading each other's shards as they are created) can each find a migration missing and run
    /// it; the later one then fails (`table … already exists`) once the first has committed. It
    /// tries again, and then finds that migration applied.
    private static func migrate(_ pool: DatabasePool, attempts: Int = 5) throws {
        for attempt in 1...attempts {
            do {
                try RunStoreSchema.migrator.migrate(pool)
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR && attempt < attempts {
                usleep(50_000 * UInt32(attempt))
            }
        }
    }

    /// The latest finished run with this configuration hash, if any: the trainer skips it.
    public func completedRun(configHash: String) throws -> RunRecord? {
        try read { db in
            try RunRecord
                .filter(RunRecord.CodingKeys.configHash == configHash && RunRecord.CodingKeys.status == RunStatus.finished)
                .order(RunRecord.CodingKeys.id.desc)
                .fetchOne(db)
        }
    }

    /// Records that a run starts, with status `running`.
    ///
    /// When a run with the same configuration hash is `interrupted`, or `running` in a process
    /// that no longer exists, that row is taken up again (`resumed` is true) instead of adding one.
    /// - Throws: `RunStoreError.alreadyRunning` when a live process on this host runs it now.
    public func startRun(_ new: NewRun) throws -> StartedRun {
        try write { db in
            let unfinished = try RunRecord
                .filter(RunRecord.CodingKeys.configHash == new.configHash)
                .filter([RunStatus.running, RunStatus.interrupted].contains(RunRecord.CodingKeys.status))
                .order(RunRecord.CodingKeys.id.desc)
                .fetchOne(db)
            if var run = unfinished, let id = run.id {
                if run.status == .running && isLiveOtherProcess(run) {
                    throw RunStoreError.alreadyRunning(path: path.path, id: id, processID: run.processID)
                }
                run.status = .running
                run.started = clock()
                run.finished = nil
                run.processID = currentProcessID
                run.host = new.host
                run.gitCommit = new.gitCommit
                run.engine = new.engine
                try run.update(db)
                return StartedRun(id: id, resumed: true)
            }
            var run = RunRecord(
                id: nil, configJSON: new.configJSON, configHash: new.configHash, task: new.task,
                method: new.method, seed: new.seed, stage: new.stage, protocolName: new.protocolName,
                modelName: new.modelName, modelSHA256: new.modelSHA256, gitCommit: new.gitCommit,
                host: new.host, processID: currentProcessID, started: clock(), finished: nil,
                status: .running, wallSeconds: nil, examplesPerSecond: nil, bestAccuracy: nil,
                bestTestAccuracy: nil, mixLayers: nil, engine: new.engine)
            try run.insert(db)
            return StartedRun(id: run.id ?? db.lastInsertedRowID, resumed: false)
        }
    }

    /// Deletes the evaluations and checkpoint rows of a run that restarts from scratch, in one
    /// transaction, so a resumed run never mixes rows of two attempts.
    public func discardProgress(runID: Int64) throws {
        try write { db in
            try requireRun(runID, db)
            try Self.deleteProgress(ofRun: runID, after: nil, db)
        }
    }

    /// Deletes the evaluations and checkpoint rows a run recorded after `step`: a run that continues
    /// from a training state at `step` records them again.
    public func discardProgress(runID: Int64, after step: Int) throws {
        try write { db in
            try requireRun(runID, db)
            try Self.deleteProgress(ofRun: runID, after: step, db)
        }
    }

    /// Puts a run's progress where a training state at `step` left it, in one transaction: rows after
    /// `step` are deleted and the state's rows up to `step` that the run lacks are added (rows it
    /// has keep their ids), so a run continued in another database than the one that saved the
    /// state (a cell stopped in its shard, continued in the plan's database) holds its whole history.
    public func restoreProgress(runID: Int64, step: Int, evaluations: [EvaluationRecord], checkpoints: [CheckpointRecord]) throws {
        try write { db in
            try requireRun(runID, db)
            try Self.deleteProgress(ofRun: runID, after: step, db)
            try EvaluationRecord.insertMissing(evaluations, upTo: step, ofRun: runID, db)
            try CheckpointRecord.insertMissing(checkpoints, upTo: step, ofRun: runID, db)
        }
    }

    /// Deletes a run's evaluations and checkpoint rows, or only those recorded after `step`.
    private static func deleteProgress(ofRun runID: Int64, after step: Int?, _ db: Database) throws {
        try EvaluationRecord.deleteRows(ofRun: runID, after: step, db)
        try CheckpointRecord.deleteRows(ofRun: runID, after: step, db)
    }

    /// Records one evaluation as it happens (accuracy as a fraction in [0, 1]).
    public func recordEvaluation(runID: Int64, step: Int, epoch: Int, split: String, accuracy: Double, loss: Double?) throws {
        try write { db in
            try requireRun(runID, db)
            var evaluation = EvaluationRecord(id: nil, runID: runID, step: step, epoch: epoch, split: split,
                                              accuracy: accuracy, loss: loss, recorded: clock())
            try evaluation.insert(db)
        }
    }

    /// Records a checkpoint the run saved.
    public func recordCheckpoint(runID: Int64, path checkpointPath: String, step: Int, accuracy: Double) throws {
        try write { db in
            try requireRun(runID, db)
            var checkpoint = CheckpointRecord(id: nil, runID: runID, path: checkpointPath, step: step,
                                              accuracy: accuracy, recorded: clock())
            try checkpoint.insert(db)
        }
    }

    /// Marks a run `finished` with its timings, best accuracies (fractions) and, for methods that
    /// draw a layer, how often each layer was drawn.
    public func finishRun(runID: Int64, wallSeconds: Double, examplesPerSecond: Double,
                          bestAccuracy: Double, bestTestAccuracy: Double?, mixLayers: [Int: Int]? = nil) throws {
        try write { db in
            var run = try requireRun(runID, db)
            run.status = .finished
            run.finished = clock()
            run.wallSeconds = wallSeconds
            run.examplesPerSecond = examplesPerSecond
            run.bestAccuracy = bestAccuracy
            run.bestTestAccuracy = bestTestAccuracy
            run.mixLayers = mixLayers.map(Self.layerHistogramJSON)
            try run.update(db)
        }
    }

    /// Sets a run's status, e.g. `interrupted` when the process is asked to stop, or `failed`;
    /// any status but `running` also stamps `finished` with the time it ended.
    public func markRun(runID: Int64, status: RunStatus) throws {
        try write { db in
            var run = try requireRun(runID, db)
            run.status = status
            run.finished = status == .running ? nil : clock()
            try run.update(db)
        }
    }

    /// Marks `interrupted` every `running` run of this host whose process no longer exists
    /// (killed without a chance to say so). Returns the ids it marked.
    @discardableResult
    public func markAbandonedRunsInterrupted() throws -> [Int64] {
        try write { db in
            let running = try RunRecord.filter(RunRecord.CodingKeys.status == RunStatus.running).fetchAll(db)
            var marked: [Int64] = []
            for var run in running where run.host == currentHost && !isProcessAlive(run.processID) {
                run.status = .interrupted
                try run.update(db)
                if let id = run.id { marked.append(id) }
            }
            return marked
        }
    }

    /// Copies a finished run recorded elsewhere (a shard) with its evaluations, in one
    /// transaction, unless a finished run with its configuration hash is already here.
    /// Returns true when it was added.
    @discardableResult
    public func importRun(_ recorded: RecordedRun) throws -> Bool {
        try write { db in
            let present = try RunRecord.filter(RunRecord.CodingKeys.configHash == recorded.configHash
                                               && RunRecord.CodingKeys.status == RunStatus.finished).fetchCount(db)
            guard present == 0, recorded.record.status == .finished else { return false }
            var run = recorded.record
            run.id = nil
            try run.insert(db)
            guard let id = run.id else { return false }
            for var evaluation in recorded.evaluations {
                evaluation.id = nil
                evaluation.runID = id
                try evaluation.insert(db)
            }
            return true
        }
    }

    /// Every run, oldest first.
    public func runs() throws -> [RunRecord] {
        try read { db in try RunRecord.order(RunRecord.CodingKeys.id).fetchAll(db) }
    }

    /// A run's evaluations in the order they were recorded.
    public func evaluations(runID: Int64) throws -> [EvaluationRecord] {
        try read { db in
            try EvaluationRecord.filter(EvaluationRecord.CodingKeys.runID == runID)
                .order(EvaluationRecord.CodingKeys.id).fetchAll(db)
        }
    }

    /// A run's checkpoints in the order they were recorded.
    public func checkpoints(runID: Int64) throws -> [CheckpointRecord] {
        try read { db in
            try CheckpointRecord.filter(CheckpointRecord.CodingKeys.runID == runID)
                .order(CheckpointRecord.CodingKeys.id).fetchAll(db)
        }
    }

    // MARK: - Helpers

    /// `{"0":12,"3":9}`: layers in ascending order.
    static func layerHistogramJSON(_ counts: [Int: Int]) -> String {
        "{" + counts.keys.sorted().map { "\"\($0)\":\(counts[$0] ?? 0)" }.joined(separator: ",") + "}"
    }

    @discardableResult
    private func requireRun(_ id: Int64, _ db: Database) throws -> RunRecord {
        guard let run = try RunRecord.fetchOne(db, key: id) else {
            throw RunStoreError.unknownRun(path: path.path, id: id)
        }
        return run
    }

    private func isLiveOtherProcess(_ run: RunRecord) -> Bool {
        run.host == currentHost && run.processID != currentProcessID && isProcessAlive(run.processID)
    }

    private func isProcessAlive(_ processID: Int32) -> Bool {
        guard processID > 0 else { return false }
        return kill(processID, 0) == 0 || errno == EPERM
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw RunStoreError.from(error, path: path.path) }
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw RunStoreError.from(error, path: path.path) }
    }
}

extension RunStore {
    /// Opens the database at `path` if the file exists; nil when it does not (nothing is created).
    public static func openIfPresent(path: URL) throws -> RunStore? {
        guard FileManager.default.fileExists(atPath: path.path) else { return nil }
        return try RunStore(path: path)
    }
}
