import Foundation

/// The lockstep loop: paths run in groups, day by day, so that each day's
/// marks of the whole group go through the vector kernels in one batch.
extension StressProgram {
    /// Paths a worker runs together, day by day, so that each day's marks of
    /// all of them go through the vector kernels in one batch.
    public var lockstepWidth: Int { Self.lockstep }
    static let lockstep = 8

    public func simulatePath(
        _ path: Int, random: inout RandomStream, workspace: inout Workspace,
        outcomes: UnsafeMutableBufferPointer<PathMetrics>
    ) {
        // A group of one with its own group state (the simulator runs groups: this is for checks).
        var group = makeGroupWorkspace()
        withUnsafeMutablePointer(to: &random) { random in
            withUnsafeMutablePointer(to: &workspace) { workspace in
                simulatePaths(
                    first: path, count: 1, randoms: random, workspaces: UnsafeMutableBufferPointer(start: workspace, count: 1),
                    group: &group, outcomes: outcomes)
            }
        }
    }

    /// One path of a lockstep group between the phases of a day.
    struct Lane {
        var state: MarketState
        var regime: Int
        var market: MarketPathTracker
        var recording: Bool
        var spot: Double
        var vix: Double
        var breadthNoise = 0.0
        var draws = SubstepDraws()
        /// With a bootstrapped market: the real day last taken (-1 before the first) and the path's log VIX.
        var historyDay = -1
        var logVIX = 0.0
    }

    /// Paths `first ..< first + count` in lockstep: each day every path steps
    /// and trades, then every open option of the group is priced together,
    /// then each path records its equities. `randoms[i]` is path `first + i`'s
    /// stream, started; `workspaces[i]` its books, `group` what the group
    /// prices together. A path's results do not depend on the group it runs in.
    public func simulatePaths(
        first: Int, count: Int, randoms: UnsafeMutablePointer<RandomStream>,
        workspaces: UnsafeMutableBufferPointer<Workspace>, group: inout GroupWorkspace,
        outcomes: UnsafeMutableBufferPointer<PathMetrics>
    ) {
        // The engine is chosen here, once per group; everything below is specialised for it.
        switch vixEngine {
        case .batched:
            var engine = group.batched
            simulatePaths(
                first: first, count: count, randoms: randoms, workspaces: workspaces, group: &group, engine: &engine,
                outcomes: outcomes)
        case .oneAtATime:
            // Taken out (and put back) so that the local copy is the only one: no copy on write.
            var engine = group.oneAtATime!
            group.oneAtATime = nil
            simulatePaths(
                first: first, count: count, randoms: randoms, workspaces: workspaces, group: &group, engine: &engine,
                outcomes: outcomes)
            group.oneAtATime = engine
        }
    }

    /// The same, with the group's VIX calls priced by `engine`.
    func simulatePaths<Engine: VIXPricingEngine>(
        first: Int, count: Int, randoms: UnsafeMutablePointer<RandomStream>,
        workspaces: UnsafeMutableBufferPointer<Workspace>, group: inout GroupWorkspace, engine: inout Engine,
        outcomes: UnsafeMutableBufferPointer<PathMetrics>
    ) {
        precondition(count >= 1 && count <= workspaces.count && outcomes.count == count * outcomesPerPath)
        // The group's lanes and each path's close of the day (after its trades,
        // for the marks): plain memory, so the daily loops check no array's
        // bounds or uniqueness.
        let lanes = UnsafeMutablePointer<Lane>.allocate(capacity: count)
        defer {
            lanes.deinitialize(count: count)
            lanes.deallocate()
        }
        let closes = UnsafeMutablePointer<MarketClose>.allocate(capacity: count)
        defer { closes.deallocate() }
        for lane in 0..<count {
            let state = MarketState(spot: configuration.spot, variance: configuration.variance)
            // A bootstrapped market is priced in the base regime throughout.
            let regime = market.bootstrap == nil ? market.startRegime(random: &randoms[lane]) : 0
            let today = marketClose(day: 0, state: state, regime: regime)
            (closes + lane).initialize(to: today)
            start(today, workspace: &workspaces[lane])
            (lanes + lane).initialize(
                to: Lane(
                    state: state, regime: regime, market: MarketPathTracker(start: state, vix: today.vix),
                    recording: recorder?.records(first + lane) ?? false, spot: today.spot, vix: today.vix,
                    logVIX: log(today.vix)))
        }
        for day in 0...configuration.horizonDays {
            if day > 0 {
                // The market steps of all paths first. With one sub-step a day each
                // path takes its draws (in its own stream's order), then the
                // arithmetic runs path after path in a short loop whose
                // independent iterations the CPU overlaps (measured: about 7 ns
                // per path-day faster than stepping each path whole).
                if market.bootstrap != nil {
                    // Real days instead of the model's P dynamics (two uniforms, then the A/D normal).
                    for lane in 0..<count {
                        market.stepBootstrap(
                            day: day, state: &lanes[lane].state, logVIX: &lanes[lane].logVIX,
                            historyDay: &lanes[lane].historyDay, random: &randoms[lane])
                        lanes[lane].breadthNoise = randoms[lane].normal()
                    }
                } else if configuration.substeps == 1 {
                    for lane in 0..<count {
                        lanes[lane].regime = market.stepRegime(day: day, regime: lanes[lane].regime, random: &randoms[lane])
                        lanes[lane].draws = market.steppers[lanes[lane].regime].draw(random: &randoms[lane])
                    }
                    for lane in 0..<count {
                        market.steppers[lanes[lane].regime].apply(lanes[lane].draws, to: &lanes[lane].state)
                    }
                    let eventful = market.eventDays[day] || market.shockDays[day]
                    for lane in 0..<count {
                        if eventful {
                            market.stepEvents(day: day, state: &lanes[lane].state, regime: lanes[lane].regime, random: &randoms[lane])
                        }
                        lanes[lane].breadthNoise = randoms[lane].normal()
                    }
                } else {
                    for lane in 0..<count {
                        lanes[lane].regime = market.step(day: day, state: &lanes[lane].state, regime: lanes[lane].regime, random: &randoms[lane])
                        lanes[lane].breadthNoise = randoms[lane].normal()
                    }
                }
            }
            for lane in 0..<count {
                let today = marketClose(day: day, state: lanes[lane].state, regime: lanes[lane].regime)
                if day > 0 {
                    lanes[lane].market.record(day: day, logSpot: today.logSpot, vix: today.vix)
                    if needsSignals {
                        workspaces[lane].signals.update(
                            logSpot: today.logSpot, vix: today.vix, breadthNoise: lanes[lane].breadthNoise,
                            breadthDrift: market.breadthDrifts[lanes[lane].regime])
                    }
                    if lanes[lane].recording { lanes[lane].spot = today.spot }
                    lanes[lane].vix = today.vix
                }
                closes[lane] = today
            }
            runClose(count: count, closes: closes, workspaces: workspaces, group: &group, engine: &engine)
            for lane in 0..<count {
                if lanes[lane].recording {
                    recorder!.record(
                        path: first + lane, day: day, spot: lanes[lane].spot, vix: lanes[lane].vix,
                        equities: workspaces[lane].drawdowns)
                }
            }
        }
        let perPath = outcomesPerPath
        for lane in 0..<count {
            for index in 0..<perPath {
                outcomes[lane * perPath + index] = metrics(
                    path: first + lane, strategy: index, workspace: workspaces[lane], market: lanes[lane].market)
            }
        }
    }

    /// Strategy `strategy`'s figures for path `path` once its last close is recorded.
    func metrics(path: Int, strategy index: Int, workspace: Workspace, market: MarketPathTracker) -> PathMetrics {
        var metrics = PathMetrics(path: path, strategy: index)
        let drawdown = workspace.drawdowns[index]
        let hedge = workspace.hedges[index]
        metrics.maxDrawdown = drawdown.maxDrawdown
        metrics.troughDay = drawdown.troughDay
        metrics.finalPnL = drawdown.last - configuration.startingEquity
        metrics.worstDay = drawdown.worstDay
        metrics.longestUnderwaterDays = drawdown.longestUnderwater
        metrics.hedgeSpend = hedge.spend
        metrics.hedgePremium = hedge.premium
        metrics.hedgePayoff = hedge.payoff
        metrics.adjustments = workspace.condor.adjustments + hedge.adjustments
        metrics.skipped = workspace.condor.skipped
        metrics.skippedPurchases = hedge.skippedPurchases
        market.fill(&metrics)
        return metrics
    }
}
