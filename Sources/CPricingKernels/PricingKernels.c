// Vectorised pricing kernels: see include/PricingKernels.h.
//
// Accuracy (tested against libm and the Swift scalar pricers): exp, log and
// log1p within a few units in the last place; the normal CDF is W. J. Cody's
// rational Chebyshev algorithm (ACM TOMS 715, as in R's pnorm and GSL's
// gsl_cdf_ugaussian_P) with exp(-x^2/2) evaluated directly, relative error
// about 1e-15 in either tail down to 1e-300.
#include "PricingKernels.h"

// Every tier must round identically: no implicit contraction; fused multiply-adds
// are written out (hardware FMA on AVX2, AVX-512 and arm64; libm's exact fma
// on an x86-64 without it).
#pragma clang fp contract(off)
// The 8-lane helpers are always inlined into one tier function; their ABI never shows.
#pragma clang diagnostic ignored "-Wpsabi"

typedef double v8d __attribute__((ext_vector_type(8)));
typedef long long v8l __attribute__((ext_vector_type(8)));

#define INLINE static inline __attribute__((always_inline))

// MARK: - Lanes

INLINE v8d load_lanes(const double *p, long m, double fill) {
    v8d v;
    if (m >= 8) {
        __builtin_memcpy(&v, p, sizeof v);
        return v;
    }
    double t[8];
    for (long k = 0; k < 8; k++) t[k] = k < m ? p[k] : fill;
    __builtin_memcpy(&v, t, sizeof v);
    return v;
}

INLINE void store_lanes(double *p, long m, v8d v) {
    if (m >= 8) {
        __builtin_memcpy(p, &v, sizeof v);
        return;
    }
    double t[8];
    __builtin_memcpy(t, &v, sizeof v);
    for (long k = 0; k < m; k++) p[k] = t[k];
}

INLINE v8d select_lanes(v8l mask, v8d a, v8d b) { return (v8d)(((v8l)a & mask) | ((v8l)b & ~mask)); }
INLINE int any_lane(v8l mask) { return __builtin_reduce_or(mask) != 0; }
// Swift's max(a, b) and min(a, b): equal to fmax/fmin for numbers.
INLINE v8d max_lanes(v8d a, v8d b) { return select_lanes((v8l)(b >= a), b, a); }
INLINE v8d min_lanes(v8d a, v8d b) { return select_lanes((v8l)(b < a), b, a); }
INLINE v8d abs_lanes(v8d x) { return (v8d)((v8l)x & 0x7FFFFFFFFFFFFFFFLL); }

// 1.5 x 2^52: adding it rounds to an integer held in the low mantissa bits.
static const double kRoundingMagic = 6755399441055744.0;
static const long long kRoundingMagicBits = 0x4338000000000000LL;
// ln 2 split so that n x kLn2High is exact for |n| < 2^20.
static const double kLn2High = 6.93147180369123816490e-01;
static const double kLn2Low = 1.90821492927058770002e-10;

// MARK: - Elementary functions

INLINE v8d fma_lanes(v8d a, v8d b, v8d c) { return __builtin_elementwise_fma(a, b, c); }

INLINE v8d exp_lanes(v8d x) {
    x = min_lanes(max_lanes(x, (v8d)-708.0), (v8d)709.0);
    v8d shifted = fma_lanes(x, (v8d)1.44269504088896340736, (v8d)kRoundingMagic);
    v8d n = shifted - kRoundingMagic;
    v8l exponent = (v8l)shifted - kRoundingMagicBits;
    v8d r = fma_lanes(-n, (v8d)kLn2High, x);
    r = fma_lanes(-n, (v8d)kLn2Low, r);
    // Taylor series to r^13 on |r| <= ln2 / 2 (truncation below 1e-17), by Estrin's scheme.
    v8d r2 = r * r;
    v8d r4 = r2 * r2;
    v8d r8 = r4 * r4;
    v8d q0 = fma_lanes(r, (v8d)1.0, (v8d)1.0);
    v8d q1 = fma_lanes(r, (v8d)(1.0 / 6.0), (v8d)0.5);
    v8d q2 = fma_lanes(r, (v8d)(1.0 / 120.0), (v8d)(1.0 / 24.0));
    v8d q3 = fma_lanes(r, (v8d)(1.0 / 5040.0), (v8d)(1.0 / 720.0));
    v8d q4 = fma_lanes(r, (v8d)(1.0 / 362880.0), (v8d)(1.0 / 40320.0));
    v8d q5 = fma_lanes(r, (v8d)(1.0 / 39916800.0), (v8d)(1.0 / 3628800.0));
    v8d q6 = fma_lanes(r, (v8d)(1.0 / 6227020800.0), (v8d)(1.0 / 479001600.0));
    v8d s0 = fma_lanes(q1, r2, q0);
    v8d s1 = fma_lanes(q3, r2, q2);
    v8d s2 = fma_lanes(q5, r2, q4);
    v8d t0 = fma_lanes(s1, r4, s0);
    v8d t1 = fma_lanes(q6, r4, s2);
    v8d p = fma_lanes(t1, r8, t0);
    v8l scale = (exponent + 1023) << 52;
    return p * (v8d)scale;
}

// ln(2^e m) for e, m with m in [sqrt(1/2), sqrt(2)) and f = (m - 1) / (m + 1):
// ln m = 2 atanh(f), |f| <= 0.1716, series to f^19 by Estrin's scheme.
INLINE v8d log_reduced_lanes(v8d exponent, v8d f) {
    v8d s = f * f;
    v8d s2 = s * s;
    v8d s4 = s2 * s2;
    v8d s8 = s4 * s4;
    v8d p0 = fma_lanes(s, (v8d)(1.0 / 3.0), (v8d)1.0);
    v8d p1 = fma_lanes(s, (v8d)(1.0 / 7.0), (v8d)(1.0 / 5.0));
    v8d p2 = fma_lanes(s, (v8d)(1.0 / 11.0), (v8d)(1.0 / 9.0));
    v8d p3 = fma_lanes(s, (v8d)(1.0 / 15.0), (v8d)(1.0 / 13.0));
    v8d p4 = fma_lanes(s, (v8d)(1.0 / 19.0), (v8d)(1.0 / 17.0));
    v8d a0 = fma_lanes(p1, s2, p0);
    v8d a1 = fma_lanes(p3, s2, p2);
    v8d b0 = fma_lanes(a1, s4, a0);
    v8d p = fma_lanes(p4, s8, b0);
    return fma_lanes(exponent, (v8d)kLn2High, fma_lanes(f + f, p, exponent * kLn2Low));
}

// Splits positive normal x into 2^e m, m in [sqrt(1/2), sqrt(2)).
INLINE v8d split_lanes(v8d x, v8d *exponent) {
    v8l bits = (v8l)x;
    v8l e = (bits >> 52) - 1023;
    v8d m = (v8d)((bits & 0x000FFFFFFFFFFFFFLL) | 0x3FF0000000000000LL);
    v8l high = (v8l)(m > 1.41421356237309504880);
    e = e - high;
    *exponent = (v8d)(e + kRoundingMagicBits) - kRoundingMagic;
    return select_lanes(high, m * 0.5, m);
}

// For positive normal x.
INLINE v8d log_lanes(v8d x) {
    v8d e;
    v8d m = split_lanes(x, &e);
    return log_reduced_lanes(e, (m - 1.0) / (m + 1.0));
}

// For x > -1. Where 1 + x splits with exponent 0, m - 1 is replaced by the exact x.
INLINE v8d log1p_lanes(v8d x) {
    v8d e;
    v8d m = split_lanes(1.0 + x, &e);
    v8d numerator = select_lanes((v8l)(e == 0.0), x, m - 1.0);
    return log_reduced_lanes(e, numerator / (m + 1.0));
}

INLINE v8d sqrt_lanes(v8d x) { return __builtin_elementwise_sqrt(x); }

// MARK: - Normal CDF (Cody)

static const double kCodyA[5] = {2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
                                  18154.981253343561249, 0.065682337918207449113};
static const double kCodyB[4] = {47.20258190468824187, 976.09855173777669322, 10260.932208618978205,
                                  45507.789335026729956};
static const double kCodyC[9] = {0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
                                  597.27027639480026226,  2494.5375852903726711, 6848.1904505362823326,
                                  11602.651437647350124,  9842.7148383839780218, 1.0765576773720192317e-8};
static const double kCodyD[8] = {22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
                                  6485.558298266760755,  18615.571640885098091, 34900.952721145977266,
                                  38912.003286093271411, 19685.429676859990727};
static const double kCodyP[6] = {0.21589853405795699,     0.1274011611602473639,  0.022235277870649807,
                                  0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303};
static const double kCodyQ[5] = {1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
                                  0.00378239633202758244, 7.29751555083966205e-5};

// Phi(x) given gauss = e^{-x^2/2} (which callers may know more cheaply).
INLINE v8d normal_cdf_gauss_lanes(v8d x, v8d gauss) {
    v8d y = abs_lanes(x);
    // 0.674 < |x| <= sqrt(32), computed for every lane: Phi(-|x|) = e^{-x^2/2} C(|x|) / D(|x|).
    v8d y2 = y * y;
    v8d y4 = y2 * y2;
    v8d y8 = y4 * y4;
    // num = c8 y^8 + c0 y^7 + ... + c7 and den = y^8 + d0 y^7 + ... + d7, by Estrin's scheme.
    v8d num =
        fma_lanes(fma_lanes(fma_lanes(y, (v8d)kCodyC[0], (v8d)kCodyC[1]), y2, fma_lanes(y, (v8d)kCodyC[2], (v8d)kCodyC[3])),
                  y4, fma_lanes(fma_lanes(y, (v8d)kCodyC[4], (v8d)kCodyC[5]), y2, fma_lanes(y, (v8d)kCodyC[6], (v8d)kCodyC[7])))
        + kCodyC[8] * y8;
    v8d den =
        fma_lanes(fma_lanes(fma_lanes(y, (v8d)kCodyD[0], (v8d)kCodyD[1]), y2, fma_lanes(y, (v8d)kCodyD[2], (v8d)kCodyD[3])),
                  y4, fma_lanes(fma_lanes(y, (v8d)kCodyD[4], (v8d)kCodyD[5]), y2, fma_lanes(y, (v8d)kCodyD[6], (v8d)kCodyD[7])))
        + y8;
    v8d lower = gauss * (num / den);
    v8l far = (v8l)(y > 5.6568542494923801952);
    if (any_lane(far)) {
        // |x| > sqrt(32): the asymptotic form; 0 beyond 37.5193.
        v8d xsq = 1.0 / (x * x);
        v8d pn = kCodyP[5] * xsq;
        v8d qd = xsq;
        for (int i = 0; i < 4; i++) {
            pn = (pn + kCodyP[i]) * xsq;
            qd = (qd + kCodyQ[i]) * xsq;
        }
        v8d tail = xsq * (pn + kCodyP[4]) / (qd + kCodyQ[4]);
        tail = (0.398942280401432677939946059934 - tail) / y;
        lower = select_lanes(far, gauss * tail, lower);
        lower = select_lanes((v8l)(y >= 37.5193), (v8d)0.0, lower);
    }
    v8d result = select_lanes((v8l)(x > 0.0), 1.0 - lower, lower);
    // |x| <= 0.674: Phi(x) = 1/2 + x A(x^2) / B(x^2). Evaluated for every lane
    // (cheaper than a branch that mispredicts on mixed lanes).
    v8d xsq = x * x;
    v8d an = kCodyA[4] * xsq;
    v8d bd = xsq;
    for (int i = 0; i < 3; i++) {
        an = (an + kCodyA[i]) * xsq;
        bd = (bd + kCodyB[i]) * xsq;
    }
    v8d centre = x * (an + kCodyA[3]) / (bd + kCodyB[3]);
    return select_lanes((v8l)(y <= 0.67448975), 0.5 + centre, result);
}

INLINE v8d normal_cdf_lanes(v8d x) { return normal_cdf_gauss_lanes(x, exp_lanes((-0.5 * x) * x)); }

// MARK: - Pricing

// Black-76 on total volatility `total` (= sigma sqrt(T)); y = ln(K/F).
INLINE v8d black76_lanes(v8d forward, v8d strike, v8d y, v8d total, v8d discount, v8d sign) {
    v8d d1 = (-y + (0.5 * total) * total) / total;
    v8d d2 = d1 - total;
    // F phi(d1) = K phi(d2): one exponential serves both CDFs.
    v8d gauss1 = exp_lanes((-0.5 * d1) * d1);
    v8d n1 = normal_cdf_gauss_lanes(sign * d1, gauss1);
    v8d n2 = normal_cdf_gauss_lanes(sign * d2, gauss1 * (forward / strike));
    v8d value = discount * (sign * (forward * n1 - strike * n2));
    v8d intrinsic = discount * max_lanes(sign * (forward - strike), (v8d)0.0);
    v8l valid = (v8l)(total > 0.0) & (v8l)(strike > 0.0);
    return select_lanes(valid, value, intrinsic);
}

INLINE v8d black76_smile_lanes(v8d forward, v8d strike, v8d y, v8d atmVariance, v8d discount, v8d sign, v8d beta,
                               v8d gamma) {
    v8d atmTotal = sqrt_lanes(atmVariance);
    v8d x = y / atmTotal;
    v8d multiplier = (1.0 - beta * x) + (gamma * x) * x;
    multiplier = min_lanes(max_lanes(multiplier, (v8d)0.5), (v8d)3.0);
    return black76_lanes(forward, strike, y, atmTotal * multiplier, discount, sign);
}

// SSVI (Gatheral and Jacquier 2014): total implied variance
// w(y) = theta/2 (1 + rho phi y + sqrt((phi y + rho)^2 + 1 - rho^2)), y = ln(K/F),
// theta the at-the-money total variance; Black-76 at sqrt(w).
INLINE v8d black76_ssvi_lanes(v8d forward, v8d strike, v8d y, v8d theta, v8d discount, v8d sign, v8d rho, v8d phi) {
    v8d py = phi * y;
    v8d shifted = py + rho;
    v8d root = sqrt_lanes(shifted * shifted + (1.0 - rho * rho));
    v8d total = sqrt_lanes((0.5 * theta) * ((1.0 + rho * py) + root));
    return black76_lanes(forward, strike, y, total, discount, sign);
}

// The lognormal VIX future's s2 = log1p(w / m^2) and ln F = ln(m) / 2 - s2 / 8.
INLINE v8d vix_future_lanes(v8d meanSquare, v8d varianceOfSquare, v8d *s2) {
    *s2 = log1p_lanes(varianceOfSquare / (meanSquare * meanSquare));
    return fma_lanes((v8d)0.5, log_lanes(meanSquare), *s2 * -0.125);
}

// MARK: - The floored VIX law (VIXModel.flooredLaw in Swift)

// One part of the floored law: E[VIX_T] (`future`), E[ln VIX_T] (`logMean`, when wanted),
// the excess of the future over the floor and the total volatility of its logarithm.
// The Gauss-Hermite rule comes as ALVH_HERMITE_PAIRS mirrored pairs (+x, -x): one
// exponential of the spread serves both nodes of a pair.
INLINE void floored_part_lanes(v8d s, v8d floor, v8d mean, v8d variance, const double *pairNodes,
                               const double *pairWeights, int wantLog, v8d *future, v8d *logMean, v8d *excess,
                               v8d *volatility) {
    v8d tiny = 1e-12 * s;
    v8d y = mean - s;
    v8l spread = (v8l)(y > tiny) & (v8l)(variance > 0.0);
    v8d ySafe = select_lanes(spread, y, (v8d)1.0);
    v8d ratio = select_lanes(spread, variance / (ySafe * ySafe), (v8d)0.0);
    v8d s2 = log1p_lanes(ratio);
    // The median of a lognormal of mean y and variance y^2 ratio.
    v8d median = ySafe / sqrt_lanes(1.0 + ratio);
    v8d sd = sqrt_lanes(s2);
    v8d f = 0.0;
    v8d l = 0.0;
    for (int j = 0; j < ALVH_HERMITE_PAIRS; j++) {
        v8d up = exp_lanes(sd * pairNodes[j]);
        v8d high = s + median * up;
        v8d low = s + median / up;
        f = f + pairWeights[j] * (sqrt_lanes(high) + sqrt_lanes(low));
        if (wantLog) l = l + pairWeights[j] * (0.5 * log_lanes(high * low));
    }
    // No spread ahead: VIX settles at the level of the mean.
    v8d level = sqrt_lanes(s + max_lanes(y, (v8d)0.0));
    f = select_lanes(spread, f, level);
    if (wantLog) l = select_lanes(spread, l, log_lanes(level));
    v8d ex = f - floor;
    v8l positive = (v8l)(ex > 0.0) & spread;
    v8d exSafe = select_lanes(positive, ex, (v8d)1.0);
    v8d z = sqrt_lanes(log1p_lanes(max_lanes(mean - f * f, (v8d)0.0) / (exSafe * exSafe)));
    *future = f;
    *logMean = l;
    *excess = ex;
    *volatility = select_lanes(positive, z, (v8d)0.0);
}

// The two parts' weights and moments (a single part where the split is not valid).
INLINE void floored_parts_lanes(v8d s, v8d w0, v8d m, v8d w, v8d mp, v8d wp, v8d *weightA, v8d *meanA, v8d *varA,
                                v8d *weightB, v8d *meanB, v8d *varB) {
    v8d tiny = 1e-12 * s;
    v8d rest = 1.0 - w0;
    v8l split = (v8l)(w0 < 1.0);
    v8d restSafe = select_lanes(split, rest, (v8d)1.0);
    v8d m1 = (m - w0 * mp) / restSafe;
    v8d w1 = (w + m * m - w0 * (wp + mp * mp)) / restSafe - m1 * m1;
    v8l two = split & (v8l)(m1 - s > tiny) & (v8l)(w1 > 0.0) & (v8l)(mp - s > tiny);
    *weightA = select_lanes(two, w0, (v8d)1.0);
    *meanA = select_lanes(two, mp, m);
    *varA = select_lanes(two, wp, w);
    *weightB = select_lanes(two, rest, (v8d)0.0);
    *meanB = select_lanes(two, m1, m);
    *varB = select_lanes(two, w1, w);
}

// A call on one part: Black-76 on the excess over the floor (the intrinsic value at or below it).
INLINE v8d floored_call_lanes(v8d floor, v8d excess, v8d volatility, v8d strike, v8d discount) {
    v8d k = strike - floor;
    v8l above = (v8l)(k > 0.0) & (v8l)(excess > 0.0);
    v8d y = log_lanes(select_lanes(above, k / excess, (v8d)1.0));
    return black76_lanes(excess, k, y, volatility, discount, (v8d)1.0);
}

// MARK: - Drivers, compiled once per tier

INLINE void black76_smile_run(long n, const double *logForward, const double *strike, const double *logMoneyness,
                              const double *atmVariance, const double *discount, const double *sign,
                              const double *beta, const double *gamma, double *price) {
    for (long i = 0; i < n; i += 8) {
        long m = n - i;
        v8d p = black76_smile_lanes(exp_lanes(load_lanes(logForward + i, m, 4.6051701859880914)), load_lanes(strike + i, m, 100),
                                    load_lanes(logMoneyness + i, m, 0),
                                    load_lanes(atmVariance + i, m, 0.04), load_lanes(discount + i, m, 1),
                                    load_lanes(sign + i, m, 1), load_lanes(beta + i, m, 0),
                                    load_lanes(gamma + i, m, 0));
        store_lanes(price + i, m, p);
    }
}

INLINE void vix_futures_run(long n, const double *meanSquare, const double *varianceOfSquare, double *future,
                            double *logFuture, double *totalVariance) {
    for (long i = 0; i < n; i += 8) {
        long m = n - i;
        v8d s2;
        v8d logF = vix_future_lanes(load_lanes(meanSquare + i, m, 400), load_lanes(varianceOfSquare + i, m, 100), &s2);
        store_lanes(future + i, m, exp_lanes(logF));
        store_lanes(logFuture + i, m, logF);
        store_lanes(totalVariance + i, m, 0.25 * s2);
    }
}

INLINE void vix_calls_run(long n, const double *meanSquare, const double *varianceOfSquare, const double *strike,
                          const double *logStrike, const double *discount, double *price) {
    for (long i = 0; i < n; i += 8) {
        long m = n - i;
        v8d s2;
        v8d logF = vix_future_lanes(load_lanes(meanSquare + i, m, 400), load_lanes(varianceOfSquare + i, m, 100), &s2);
        v8d logK = load_lanes(logStrike + i, m, 3);
        v8d p = black76_lanes(exp_lanes(logF), load_lanes(strike + i, m, 20.085536923187668), logK - logF,
                              sqrt_lanes(0.25 * s2), load_lanes(discount + i, m, 1), (v8d)1.0);
        store_lanes(price + i, m, p);
    }
}

// Lanes i ..< i + 8 of the floored law: the floor and both parts (weight, future, log mean, excess, volatility).
typedef struct {
    v8d floor, weightA, futureA, logA, excessA, volatilityA, weightB, futureB, logB, excessB, volatilityB;
} floored_law;

INLINE floored_law floored_law_lanes(long i, long m, const double *meanSquare, const double *varianceOfSquare,
                                     const double *floorSquare, const double *partWeight,
                                     const double *partMeanSquare, const double *partVarianceOfSquare,
                                     const double *pairNodes, const double *pairWeights, int wantLog) {
    floored_law law;
    v8d s = load_lanes(floorSquare + i, m, 100);
    law.floor = sqrt_lanes(s);
    v8d ma, va, mb, vb;
    floored_parts_lanes(s, load_lanes(partWeight + i, m, 1), load_lanes(meanSquare + i, m, 400),
                        load_lanes(varianceOfSquare + i, m, 100), load_lanes(partMeanSquare + i, m, 400),
                        load_lanes(partVarianceOfSquare + i, m, 100), &law.weightA, &ma, &va, &law.weightB, &mb, &vb);
    floored_part_lanes(s, law.floor, ma, va, pairNodes, pairWeights, wantLog, &law.futureA, &law.logA, &law.excessA,
                       &law.volatilityA);
    floored_part_lanes(s, law.floor, mb, vb, pairNodes, pairWeights, wantLog, &law.futureB, &law.logB, &law.excessB,
                       &law.volatilityB);
    return law;
}

INLINE void vix_floored_laws_run(long n, const double *meanSquare, const double *varianceOfSquare,
                                 const double *floorSquare, const double *partWeight, const double *partMeanSquare,
                                 const double *partVarianceOfSquare, const double *pairNodes,
                                 const double *pairWeights, alvh_floored_law_columns out, int wantFutures) {
    for (long i = 0; i < n; i += 8) {
        long m = n - i;
        floored_law law = floored_law_lanes(i, m, meanSquare, varianceOfSquare, floorSquare, partWeight,
                                            partMeanSquare, partVarianceOfSquare, pairNodes, pairWeights, wantFutures);
        store_lanes(out.floor + i, m, law.floor);
        store_lanes(out.weightA + i, m, law.weightA);
        store_lanes(out.excessA + i, m, law.excessA);
        store_lanes(out.volatilityA + i, m, law.volatilityA);
        store_lanes(out.weightB + i, m, law.weightB);
        store_lanes(out.excessB + i, m, law.excessB);
        store_lanes(out.volatilityB + i, m, law.volatilityB);
        if (wantFutures) {
            v8d f = law.weightA * law.futureA + law.weightB * law.futureB;
            v8d l = law.weightA * law.logA + law.weightB * law.logB;
            store_lanes(out.future + i, m, f);
            store_lanes(out.totalVariance + i, m, max_lanes(-2.0 * (l - log_lanes(f)), (v8d)0.0));
        }
    }
}

// Lanes i ..< i + 8 of a law column, each row reading its own law's entry.
INLINE v8d gather_lanes(const double *column, const long *law, long i, long m) {
    double lanes[8];
    for (int k = 0; k < 8; k++) lanes[k] = column[law[i + (k < m ? k : m - 1)]];
    return load_lanes(lanes, 8, 0);
}

INLINE void vix_floored_law_calls_run(long n, const long *law, alvh_floored_law_columns laws,
                                      const double *discount, const double *strike, double *price) {
    for (long i = 0; i < n; i += 8) {
        long m = n - i;
        v8d floor = gather_lanes(laws.floor, law, i, m);
        v8d k = load_lanes(strike + i, m, 20);
        v8d d = gather_lanes(discount, law, i, m);
        v8d p = gather_lanes(laws.weightA, law, i, m) *
                    floored_call_lanes(floor, gather_lanes(laws.excessA, law, i, m),
                                       gather_lanes(laws.volatilityA, law, i, m), k, d) +
                gather_lanes(laws.weightB, law, i, m) *
                    floored_call_lanes(floor, gather_lanes(laws.excessB, law, i, m),
                                       gather_lanes(laws.volatilityB, law, i, m), k, d);
        store_lanes(price + i, m, p);
    }
}

typedef double v2d __attribute__((ext_vector_type(2)));

// Two condors' values, each repeated over its four lanes.
INLINE v8d per_condor_lanes(const double *p, long condors) {
    v2d two = {p[0], condors > 1 ? p[1] : p[0]};
    return __builtin_shufflevector(two, two, 0, 0, 0, 0, 1, 1, 1, 1);
}

// Two condors (eight legs) a pass; `smile` prices the lanes (model.md's smile or SSVI).
#define CONDOR_LEGS_RUN(name, smile)                                                                                 \
    INLINE void name##_run(long n, const double *logForward, const double *atmVariance, const double *discount,     \
                           const double *shape1, const double *shape2, const double *strike, const double *logStrike, \
                           double *price) {                                                                          \
        const v8d sign = {-1, -1, 1, 1, -1, -1, 1, 1};                                                               \
        for (long c = 0; c < n; c += 2) {                                                                            \
            long condors = n - c;                                                                                    \
            long m = 4 * condors;                                                                                    \
            v8d lf = per_condor_lanes(logForward + c, condors);                                                      \
            v8d k = load_lanes(strike + 4 * c, m, 100);                                                              \
            v8d y = load_lanes(logStrike + 4 * c, m, 4.6051701859880914) - lf;                                       \
            v8d p = smile(exp_lanes(lf), k, y, per_condor_lanes(atmVariance + c, condors),                           \
                          per_condor_lanes(discount + c, condors), sign, per_condor_lanes(shape1 + c, condors),      \
                          per_condor_lanes(shape2 + c, condors));                                                    \
            store_lanes(price + 4 * c, m, p);                                                                        \
        }                                                                                                            \
    }
CONDOR_LEGS_RUN(condor_legs, black76_smile_lanes)
CONDOR_LEGS_RUN(condor_legs_ssvi, black76_ssvi_lanes)

#define ELEMENTWISE_RUN(name, body, fill)                                   \
    INLINE void name##_run(long n, const double *x, double *out) {          \
        for (long i = 0; i < n; i += 8) {                                   \
            long m = n - i;                                                 \
            store_lanes(out + i, m, body(load_lanes(x + i, m, fill)));      \
        }                                                                   \
    }
ELEMENTWISE_RUN(normal_cdf, normal_cdf_lanes, 0)
ELEMENTWISE_RUN(exp, exp_lanes, 0)
ELEMENTWISE_RUN(log, log_lanes, 1)
ELEMENTWISE_RUN(log1p, log1p_lanes, 0)

#if defined(__x86_64__)
#define DISPATCH(name, args)                 \
    switch (tier) {                          \
    case ALVH_KERNEL_AVX512:                 \
        name##_avx512 args;                  \
        return;                              \
    case ALVH_KERNEL_AVX2:                   \
        name##_avx2 args;                    \
        return;                              \
    default:                                 \
        name##_generic args;                 \
        return;                              \
    }
#define TIER_VARIANTS(name, params, args)                                                        \
    __attribute__((target("avx512f,avx512dq,avx512vl"))) static void name##_avx512 params {     \
        name##_run args;                                                                         \
    }                                                                                            \
    __attribute__((target("avx2,fma"))) static void name##_avx2 params { name##_run args; }          \
    static void name##_generic params { name##_run args; }
#else
#define DISPATCH(name, args) \
    (void)tier;              \
    name##_generic args;
#define TIER_VARIANTS(name, params, args) \
    static void name##_generic params { name##_run args; }
#endif

#define BLACK76_PARAMS                                                                              \
    (long n, const double *logForward, const double *strike, const double *logMoneyness, const double *atmVariance, \
     const double *discount, const double *sign, const double *beta, const double *gamma, double *price)
#define BLACK76_ARGS (n, logForward, strike, logMoneyness, atmVariance, discount, sign, beta, gamma, price)
TIER_VARIANTS(black76_smile, BLACK76_PARAMS, BLACK76_ARGS)

#define FUTURES_PARAMS \
    (long n, const double *meanSquare, const double *varianceOfSquare, double *future, double *logFuture, \
     double *totalVariance)
#define FUTURES_ARGS (n, meanSquare, varianceOfSquare, future, logFuture, totalVariance)
TIER_VARIANTS(vix_futures, FUTURES_PARAMS, FUTURES_ARGS)

#define VIX_CALLS_PARAMS                                                                                    \
    (long n, const double *meanSquare, const double *varianceOfSquare, const double *strike, const double *logStrike, \
     const double *discount, double *price)
#define VIX_CALLS_ARGS (n, meanSquare, varianceOfSquare, strike, logStrike, discount, price)
TIER_VARIANTS(vix_calls, VIX_CALLS_PARAMS, VIX_CALLS_ARGS)

#define CONDOR_PARAMS                                                                                     \
    (long n, const double *logForward, const double *atmVariance, const double *discount, const double *beta, \
     const double *gamma, const double *strike, const double *logStrike, double *price)
#define CONDOR_ARGS (n, logForward, atmVariance, discount, beta, gamma, strike, logStrike, price)
TIER_VARIANTS(condor_legs, CONDOR_PARAMS, CONDOR_ARGS)
TIER_VARIANTS(condor_legs_ssvi, CONDOR_PARAMS, CONDOR_ARGS)

#define FLOORED_LAWS_PARAMS                                                                                        \
    (long n, const double *meanSquare, const double *varianceOfSquare, const double *floorSquare,                 \
     const double *partWeight, const double *partMeanSquare, const double *partVarianceOfSquare,                   \
     const double *pairNodes, const double *pairWeights, alvh_floored_law_columns out, int wantFutures)
#define FLOORED_LAWS_ARGS                                                                                          \
    (n, meanSquare, varianceOfSquare, floorSquare, partWeight, partMeanSquare, partVarianceOfSquare, pairNodes,    \
     pairWeights, out, wantFutures)
TIER_VARIANTS(vix_floored_laws, FLOORED_LAWS_PARAMS, FLOORED_LAWS_ARGS)

#define FLOORED_LAW_CALLS_PARAMS                                                                                   \
    (long n, const long *law, alvh_floored_law_columns laws, const double *discount, const double *strike,         \
     double *price)
#define FLOORED_LAW_CALLS_ARGS (n, law, laws, discount, strike, price)
TIER_VARIANTS(vix_floored_law_calls, FLOORED_LAW_CALLS_PARAMS, FLOORED_LAW_CALLS_ARGS)

#define UNARY_PARAMS (long n, const double *x, double *out)
#define UNARY_ARGS (n, x, out)
TIER_VARIANTS(normal_cdf, UNARY_PARAMS, UNARY_ARGS)
TIER_VARIANTS(exp, UNARY_PARAMS, UNARY_ARGS)
TIER_VARIANTS(log, UNARY_PARAMS, UNARY_ARGS)
TIER_VARIANTS(log1p, UNARY_PARAMS, UNARY_ARGS)

// MARK: - Public entry points

int alvh_kernel_best_tier(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512vl"))
        return ALVH_KERNEL_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return ALVH_KERNEL_AVX2;
#endif
    return ALVH_KERNEL_GENERIC;
}

void alvh_black76_smile(int tier, long n, const double *logForward, const double *strike, const double *logMoneyness,
                        const double *atmVariance, const double *discount, const double *sign, const double *beta,
                        const double *gamma, double *price) {
    DISPATCH(black76_smile, BLACK76_ARGS)
}

void alvh_vix_futures(int tier, long n, const double *meanSquare, const double *varianceOfSquare, double *future,
                      double *logFuture, double *totalVariance) {
    DISPATCH(vix_futures, FUTURES_ARGS)
}

void alvh_vix_calls(int tier, long n, const double *meanSquare, const double *varianceOfSquare, const double *strike,
                    const double *logStrike, const double *discount, double *price) {
    DISPATCH(vix_calls, VIX_CALLS_ARGS)
}

void alvh_condor_legs(int tier, long n, const double *logForward, const double *atmVariance, const double *discount,
                      const double *beta, const double *gamma, const double *strike, const double *logStrike,
                      double *price) {
    DISPATCH(condor_legs, CONDOR_ARGS)
}

void alvh_condor_legs_ssvi(int tier, long n, const double *logForward, const double *atmVariance,
                           const double *discount, const double *rho, const double *phi, const double *strike,
                           const double *logStrike, double *price) {
#define CONDOR_SSVI_ARGS (n, logForward, atmVariance, discount, rho, phi, strike, logStrike, price)
    DISPATCH(condor_legs_ssvi, CONDOR_SSVI_ARGS)
#undef CONDOR_SSVI_ARGS
}

void alvh_vix_floored_laws(int tier, long n, const double *meanSquare, const double *varianceOfSquare,
                           const double *floorSquare, const double *partWeight, const double *partMeanSquare,
                           const double *partVarianceOfSquare, const double *hermitePairs,
                           alvh_floored_law_columns out) {
    const double *pairNodes = hermitePairs;
    const double *pairWeights = hermitePairs + ALVH_HERMITE_PAIRS;
    int wantFutures = out.future != 0 && out.totalVariance != 0;
    DISPATCH(vix_floored_laws, FLOORED_LAWS_ARGS)
}

void alvh_vix_floored_law_calls(int tier, long n, const long *law, alvh_floored_law_columns laws,
                                const double *discount, const double *strike, double *price) {
    DISPATCH(vix_floored_law_calls, FLOORED_LAW_CALLS_ARGS)
}

void alvh_normal_cdf(int tier, long n, const double *x, double *out) { DISPATCH(normal_cdf, UNARY_ARGS) }
void alvh_exp(int tier, long n, const double *x, double *out) { DISPATCH(exp, UNARY_ARGS) }
void alvh_log(int tier, long n, const double *x, double *out) { DISPATCH(log, UNARY_ARGS) }
void alvh_log1p(int tier, long n, const double *x, double *out) { DISPATCH(log1p, UNARY_ARGS) }

// MARK: - Inputs from the maturity factors (scalar)

// Scheduled-event variance on days (after, through] (EventTable.window in Swift).
static double event_window(const double *cumulative, long count, long after, long through) {
    if (cumulative == 0 || count <= 0 || through <= after) return 0;
    double upper = cumulative[through < count - 1 ? through : count - 1];
    double lower = after < 0 ? 0 : cumulative[after < count - 1 ? after : count - 1];
    return upper - lower;
}

// Row i's inputs (alvh_vix_call_inputs); returns its factor row and sets its variance and
// the event variance of its VIX window (index points squared, 0 without events).
static const double *vix_call_row(long i, long day, const long *expiry, const long *lane, const long *laneRow,
                                  const double *laneVariance, const double *factors, const double *eventsCumulative,
                                  long eventCount, double horizon, double *meanSquare, double *varianceOfSquare,
                                  double *discount, double *variance, double *events) {
    long path = lane[i];
    long settles = expiry[i];
    const double *f = factors + (laneRow[path] + (settles - day)) * ALVH_FACTOR_WIDTH;
    double v = laneVariance[path];
    double mean = f[ALVH_FACTOR_VIX2_MEAN_INTERCEPT] + f[ALVH_FACTOR_VIX2_MEAN_SLOPE] * v;
    *events = 0;
    if (eventCount > 0) {
        *events = ALVH_VIX_POINTS_SQUARED
            * event_window(eventsCumulative, eventCount, settles, settles + ALVH_VIX_WINDOW_DAYS) / horizon;
        mean = mean + *events;
    }
    meanSquare[i] = mean;
    varianceOfSquare[i] = (f[ALVH_FACTOR_VIX2_VARIANCE_INTERCEPT] + f[ALVH_FACTOR_VIX2_VARIANCE_SLOPE] * v) +
                          f[ALVH_FACTOR_VIX2_VARIANCE_QUADRATIC] * (v * v);
    discount[i] = f[ALVH_FACTOR_DISCOUNT];
    *variance = v;
    return f;
}

void alvh_vix_call_inputs(long n, long day, const long *expiry, const long *lane, const long *laneRow,
                          const double *laneVariance, const double *factors, const double *eventsCumulative,
                          long eventCount, double horizon, double *meanSquare, double *varianceOfSquare,
                          double *discount) {
    double v, events;
    for (long i = 0; i < n; i++) {
        vix_call_row(i, day, expiry, lane, laneRow, laneVariance, factors, eventsCumulative, eventCount, horizon,
                     meanSquare, varianceOfSquare, discount, &v, &events);
    }
}

void alvh_vix_floored_inputs(long n, long day, const long *expiry, const long *lane, const long *laneRow,
                             const double *laneVariance, const double *factors, const double *eventsCumulative,
                             long eventCount, double horizon, double *meanSquare, double *varianceOfSquare,
                             double *discount, double *floorSquare, double *partWeight, double *partMeanSquare,
                             double *partVarianceOfSquare) {
    double v, events;
    for (long i = 0; i < n; i++) {
        const double *f = vix_call_row(i, day, expiry, lane, laneRow, laneVariance, factors, eventsCumulative,
                                       eventCount, horizon, meanSquare, varianceOfSquare, discount, &v, &events);
        floorSquare[i] = f[ALVH_FACTOR_VIX2_FLOOR] + events;
        partWeight[i] = f[ALVH_FACTOR_PART_WEIGHT];
        partMeanSquare[i] = f[ALVH_FACTOR_PART_MEAN_INTERCEPT] + f[ALVH_FACTOR_PART_MEAN_SLOPE] * v + events;
        partVarianceOfSquare[i] = (f[ALVH_FACTOR_PART_VARIANCE_INTERCEPT] + f[ALVH_FACTOR_PART_VARIANCE_SLOPE] * v) +
                                  f[ALVH_FACTOR_PART_VARIANCE_QUADRATIC] * (v * v);
    }
}
