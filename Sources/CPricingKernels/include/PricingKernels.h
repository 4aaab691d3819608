// Vectorised option-pricing kernels for alvh's daily marks.
//
// One portable source (clang extended vectors of 8 doubles) is compiled three
// times: for AVX-512, for AVX2 and for the baseline instruction set (SSE2 on
// x86-64, NEON on arm64). The best tier the CPU supports is chosen at run
// time. Floating-point contraction is off, so every tier performs the same
// IEEE operations in the same order: all three return bit-identical results.
//
// Arrays are read and written for indices [0, n); n may be any size.
#ifndef ALVH_PRICING_KERNELS_H
#define ALVH_PRICING_KERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Instruction-set tiers, in increasing order of width.
enum {
    ALVH_KERNEL_GENERIC = 0,
    ALVH_KERNEL_AVX2 = 1,
    ALVH_KERNEL_AVX512 = 2,
};

/// VIX is the variance of the next 30 calendar days: the 21 trading days
/// whose scheduled events a VIX close, future or option at expiry sees.
enum { ALVH_VIX_WINDOW_DAYS = 21 };

/// Index points squared per unit of annual variance (VIX = 100 sigma).
#define ALVH_VIX_POINTS_SQUARED 10000.0

/// The columns of a maturity-factor row (one row per regime and remaining
/// trading day): ln growth (r - q) T, discount e^{-rT}, SPX at-the-money total
/// variance A_T + B_T v, E[VIX_T^2] = M_T + N_T v, Var[VIX_T^2] = P_T + Q_T v + R_T v^2
/// (R_T = 0 for model.md's Heston Q).
/// Swift builds and reads rows with these names (MaturityFactors); C reads them here.
enum {
    ALVH_FACTOR_LOG_GROWTH = 0,
    ALVH_FACTOR_DISCOUNT = 1,
    ALVH_FACTOR_SPX_VARIANCE_INTERCEPT = 2,
    ALVH_FACTOR_SPX_VARIANCE_SLOPE = 3,
    ALVH_FACTOR_VIX2_MEAN_INTERCEPT = 4,
    ALVH_FACTOR_VIX2_MEAN_SLOPE = 5,
    ALVH_FACTOR_VIX2_VARIANCE_INTERCEPT = 6,
    ALVH_FACTOR_VIX2_VARIANCE_SLOPE = 7,
    ALVH_FACTOR_VIX2_VARIANCE_QUADRATIC = 8,
    /// The floored VIX law of Q dynamics other than model.md's (0 in model.md's rows):
    /// VIX_T^2's floor 100^2 b, the no-jump part's weight e^{-lambdaV T}, and that
    /// part's E[VIX_T^2] = intercept + slope v and Var[VIX_T^2] = intercept + slope v + quadratic v^2.
    ALVH_FACTOR_VIX2_FLOOR = 9,
    ALVH_FACTOR_PART_WEIGHT = 10,
    ALVH_FACTOR_PART_MEAN_INTERCEPT = 11,
    ALVH_FACTOR_PART_MEAN_SLOPE = 12,
    ALVH_FACTOR_PART_VARIANCE_INTERCEPT = 13,
    ALVH_FACTOR_PART_VARIANCE_SLOPE = 14,
    ALVH_FACTOR_PART_VARIANCE_QUADRATIC = 15,
    ALVH_FACTOR_WIDTH = 16,
};

/// The widest tier this CPU (and build) can run.
int alvh_kernel_best_tier(void);

/// Black-76 prices with model.md's smile multiplier, in the forward's units,
/// the forward given by its log (`F = exp(logForward)`):
/// `sigma sqrt(T) = atmTotal clamp(1 - beta x + gamma x^2, 0.5, 3)` with
/// `atmTotal = sqrt(atmVariance)` (the at-the-money total variance sigATM^2 T),
/// `x = ln(K/F) / atmTotal`, `logMoneyness` = ln(K/F) given by the caller;
/// `sign` +1 for a call, -1 for a put; `discount` the discount factor.
/// beta = gamma = 0 gives plain Black-76. Where atmTotal <= 0 or strike <= 0:
/// the discounted intrinsic value on the forward.
void alvh_black76_smile(int tier, long n, const double *logForward, const double *strike,
                        const double *logMoneyness, const double *atmVariance, const double *discount,
                        const double *sign, const double *beta, const double *gamma, double *price);

/// Lognormal VIX futures (model.md): with `m = E[VIX_T^2]` (index points squared)
/// and `w = Var[VIX_T^2]`, `s2 = log1p(w / m^2)`, future `sqrt(m) e^{-s2/8}` and
/// total variance `s2 / 4` (the total volatility is its square root, `sqrt(s2) / 2`);
/// `logFuture` receives ln of the future.
void alvh_vix_futures(int tier, long n, const double *meanSquare, const double *varianceOfSquare,
                      double *future, double *logFuture, double *totalVariance);

/// VIX calls on the lognormal future of `alvh_vix_futures` (sign +1, no smile):
/// the future and Black-76 in one pass; `logStrike` = ln(strike).
void alvh_vix_calls(int tier, long n, const double *meanSquare, const double *varianceOfSquare, const double *strike,
                    const double *logStrike, const double *discount, double *price);

/// The day's inputs of `n` VIX calls for alvh_vix_calls, from a table of
/// maturity factors (rows of ALVH_FACTOR_WIDTH columns, one per remaining
/// trading day from 0). Call i belongs to path
/// `lane[i]`, whose regime's row for 0 days is `factors + laneRow[lane[i]] * ALVH_FACTOR_WIDTH`
/// and whose variance is `laneVariance[lane[i]]`; it expires on day
/// `expiry[i]` (>= day, within the table). With `eventCount` > 0,
/// `eventsCumulative` is the cumulative scheduled-event variance by day and
/// E[VIX_T^2] includes ALVH_VIX_POINTS_SQUARED x the event variance of days (expiry, expiry + ALVH_VIX_WINDOW_DAYS]
/// over `horizon` (years). Scalar: the same IEEE operations, in the same order,
/// as the Swift reference (`MaturityFactors`).
void alvh_vix_call_inputs(long n, long day, const long *expiry, const long *lane, const long *laneRow,
                          const double *laneVariance, const double *factors, const double *eventsCumulative,
                          long eventCount, double horizon, double *meanSquare, double *varianceOfSquare,
                          double *discount);

/// The day's inputs of `n` VIX calls on the floored law (VIXQuote in Swift):
/// as alvh_vix_call_inputs, and per row VIX_T^2's floor (event variance
/// included, as in the mean), the no-jump part's weight, E[VIX_T^2] and Var[VIX_T^2].
void alvh_vix_floored_inputs(long n, long day, const long *expiry, const long *lane, const long *laneRow,
                             const double *laneVariance, const double *factors, const double *eventsCumulative,
                             long eventCount, double horizon, double *meanSquare, double *varianceOfSquare,
                             double *discount, double *floorSquare, double *partWeight, double *partMeanSquare,
                             double *partVarianceOfSquare);

/// The Gauss-Hermite rule of the floored law (8 nodes for a standard normal)
/// as mirrored pairs: ALVH_HERMITE_PAIRS nodes x > 0, then their weights
/// (each serving both x and -x; twice their sum is 1).
enum { ALVH_HERMITE_PAIRS = 4 };

/// Columns of the floored law, one entry per law (an expiry of a path):
/// VIX_T's floor, and per part (A the no-jump part, B the rest; B of weight 0
/// when there is one part) its weight, the mean of VIX_T - floor and the total
/// volatility of its logarithm; with `future` and `totalVariance` both set,
/// also E[VIX_T] and -2 E[ln(VIX_T / F)].
typedef struct {
    double *floor, *weightA, *excessA, *volatilityA, *weightB, *excessB, *volatilityB;
    double *future, *totalVariance;
} alvh_floored_law_columns;

/// The floored law (VIXQuote in Swift) of `n` expiries from the moments of
/// VIX_T^2 (alvh_vix_floored_inputs): VIX_T - floor lognormal in each of up to
/// two parts (the no-jump part of weight `partWeight` with its own moments,
/// and the rest), each part's E[VIX_T] by the Gauss-Hermite rule
/// (`hermitePairs`) over a lognormal VIX_T^2 - floor^2, its spread from
/// E[VIX_T^2].
void alvh_vix_floored_laws(int tier, long n, const double *meanSquare, const double *varianceOfSquare,
                           const double *floorSquare, const double *partWeight, const double *partMeanSquare,
                           const double *partVarianceOfSquare, const double *hermitePairs,
                           alvh_floored_law_columns out);

/// VIX calls (sign +1) on the floored laws: row i on law `law[i]` of `laws`
/// (discounted by `discount[law[i]]`), Black-76 on each part's excess over
/// the floor.
void alvh_vix_floored_law_calls(int tier, long n, const long *law, alvh_floored_law_columns laws,
                                const double *discount, const double *strike, double *price);

/// The four legs of `n` iron condors (smile Black-76, as alvh_black76_smile):
/// per condor its forward's log, at-the-money total variance, discount factor
/// and smile beta, gamma; per leg (4 per condor: long put, short put, long
/// call, short call) its strike and ln(strike). Writes 4 prices per condor.
void alvh_condor_legs(int tier, long n, const double *logForward, const double *atmVariance, const double *discount,
                      const double *beta, const double *gamma, const double *strike, const double *logStrike,
                      double *price);

/// The four legs of `n` iron condors on an SSVI smile: as alvh_condor_legs
/// with `atmVariance` the at-the-money total variance theta and, per condor,
/// SSVI's `rho` and `phi` (the curvature at theta): Black-76 at total variance
/// `theta/2 (1 + rho phi y + sqrt((phi y + rho)^2 + 1 - rho^2))`, y = ln(K/F).
void alvh_condor_legs_ssvi(int tier, long n, const double *logForward, const double *atmVariance,
                           const double *discount, const double *rho, const double *phi, const double *strike,
                           const double *logStrike, double *price);

/// Elementwise kernels, exposed for tests: the standard normal CDF (Cody's
/// rational approximations), exp, log and log1p.
void alvh_normal_cdf(int tier, long n, const double *x, double *out);
void alvh_exp(int tier, long n, const double *x, double *out);
void alvh_log(int tier, long n, const double *x, double *out);
void alvh_log1p(int tier, long n, const double *x, double *out);

#ifdef __cplusplus
}
#endif

#endif
